"use client";

import { memo } from "react";
import type { NodeLane } from "@/lib/live/placement";
import type { PodView } from "@/lib/live/pod-view";

const samePods = (a: NodeLane["pods"], b: NodeLane["pods"]) => a.length === b.length && a.every((pod, i) => pod === b[i]);

/**
 * One node and its pods: what `kubectl get pod -o wide` shows for that node, at a glance. Lanes are regrouped on
 * every batch of changes, but the stream keeps unchanged pods as the same objects, so only lanes whose node or pods
 * changed render again.
 */
export const NodeLaneCard = memo(
  function NodeLaneCard({ lane, zone }: { lane: NodeLane; zone?: string }) {
    const { node, pods } = lane;
    return (
      // content-visibility lets the browser skip style and layout of lanes scrolled out of view (thousands of rows).
      <article
        aria-label={`Node ${node.name}`}
        data-testid="node-lane"
        data-node={node.name}
        className="rounded border border-slate-200 bg-white [content-visibility:auto] [contain-intrinsic-size:auto_400px]"
      >
        <header className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2 text-sm">
          <span className="font-mono font-medium">{node.name}</span>
          <span className={node.ready === "Ready" ? "text-emerald-700" : "text-red-700"}>{node.ready}</span>
          {zone && <span className="text-slate-500">{zone}</span>}
          <span className="ml-auto text-slate-500">{pods.length} pods</span>
        </header>
        {pods.length > 0 && (
          <table className="w-full text-xs">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="px-3 py-1 font-normal">Namespace</th>
                <th className="px-3 py-1 font-normal">Pod</th>
                <th className="px-3 py-1 font-normal">Ready</th>
                <th className="px-3 py-1 font-normal">Status</th>
                <th className="px-3 py-1 font-normal">IP</th>
                <th className="px-3 py-1 font-normal">Zone</th>
                {node.virtual && <th className="px-3 py-1 font-normal">ECI instance</th>}
              </tr>
            </thead>
            <tbody>
              {pods.map((pod) => (
                <PodRow key={pod.uid} pod={pod} zone={zone} virtual={node.virtual} />
              ))}
            </tbody>
          </table>
        )}
      </article>
    );
  },
  (a, b) => a.zone === b.zone && a.lane.node === b.lane.node && samePods(a.lane.pods, b.lane.pods),
);

const PodRow = memo(function PodRow({ pod, zone, virtual }: { pod: PodView; zone?: string; virtual: boolean }) {
  return (
    <tr data-testid="pod-row" data-pod={`${pod.namespace}/${pod.name}`} className="border-t border-slate-50">
      <td className="px-3 py-1 text-slate-600">{pod.namespace}</td>
      <td className="px-3 py-1 font-mono">{pod.name}</td>
      <td className="px-3 py-1">
        {pod.readyContainers}/{pod.totalContainers}
      </td>
      <td className={`px-3 py-1 ${pod.status === "Running" ? "text-emerald-700" : "text-amber-800"}`} title={pod.message}>
        {pod.status}
      </td>
      <td className="px-3 py-1 font-mono">{pod.podIP ?? "—"}</td>
      <td className="px-3 py-1">{zone ?? "—"}</td>
      {virtual && <td className="px-3 py-1 font-mono">{pod.eciInstanceId ?? "—"}</td>}
    </tr>
  );
});
