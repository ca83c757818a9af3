"use client";

import type { NodeSummary } from "@/lib/node-summary";
import { age } from "@/lib/age";

export function VirtualNodeTable({ nodes, cluster }: { nodes: NodeSummary[] | undefined; cluster: string }) {
  return (
    <section aria-label="Virtual nodes" className="rounded border border-slate-200 bg-white">
      <h2 className="border-b border-slate-100 px-3 py-2 font-semibold">Virtual nodes</h2>
      {nodes === undefined ? (
        <p className="p-3 text-sm text-slate-500" role="status">
          Loading…
        </p>
      ) : nodes.length === 0 ? (
        <p className="p-3 text-sm text-slate-600">
          This cluster has no virtual nodes yet.{" "}
          <a className="text-sky-700 underline" href={`/clusters/${encodeURIComponent(cluster)}/addons`}>
            Install ack-virtual-node
          </a>{" "}
          to add one per vSwitch zone.
        </p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="px-3 py-1 font-normal">Name</th>
              <th className="px-3 py-1 font-normal">Status</th>
              <th className="px-3 py-1 font-normal">Zone</th>
              <th className="px-3 py-1 font-normal">Age</th>
              <th className="px-3 py-1 font-normal">Version</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => (
              <tr key={n.name} data-testid="virtual-node-row" className="border-t border-slate-50">
                <td className="px-3 py-1 font-mono">{n.name}</td>
                <td className={`px-3 py-1 ${n.ready === "Ready" ? "text-emerald-700" : "text-red-700"}`} title={n.readyMessage}>
                  {n.ready}
                  {n.readyMessage ? ` — ${n.readyMessage}` : ""}
                </td>
                <td className="px-3 py-1">{n.zone ?? "—"}</td>
                <td className="px-3 py-1">{n.createdAt ? age(n.createdAt) : "—"}</td>
                <td className="px-3 py-1">{n.version ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
