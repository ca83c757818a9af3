"use client";

import { RefusalNote, usePermissions } from "@/components/permissions";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { deleteVirtualNodes, installVirtualNodeAddon, uninstallVirtualNodeAddon } from "@/app/clusters/[cluster]/addons/actions";
import { ActionNotice, noticeOf, type Notice } from "@/components/action-notice";
import { ConfirmDialog } from "@/components/confirm-dialog";
import type { ActionResult } from "@/lib/action-result";
import type { AddonStatus } from "@/lib/addon";
import type { PodView } from "@/lib/live/pod-view";
import type { NodeSummary } from "@/lib/node-summary";
import { addonKeys } from "./use-addon-status";

const PHASE_TEXT = {
  "not-installed": "Not installed",
  installing: "Installing…",
  installed: "Installed",
  degraded: "Installed, not healthy",
  failed: "Failed",
  uninstalling: "Uninstalling…",
} as const;

const PHASE_TONE = {
  "not-installed": "bg-slate-100 text-slate-700",
  installing: "bg-sky-100 text-sky-800",
  installed: "bg-emerald-100 text-emerald-800",
  degraded: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-800",
  uninstalling: "bg-sky-100 text-sky-800",
} as const;

type Dialog = "install" | "uninstall" | { deleteNodes: string[] } | null;

/** Step 2: the ack-virtual-node card: its state, Install with the seed's Note, Uninstall, and leftover virtual nodes. */
export function AddonCard({ cluster, status, virtualNodes, eciPods }: { cluster: string; status: AddonStatus; virtualNodes: NodeSummary[]; eciPods: PodView[] }) {
  const queryClient = useQueryClient();
  const [busy, startTransition] = useTransition();
  const [dialog, setDialog] = useState<Dialog>(null);
  const operateRefusal = usePermissions().operate;
  const [result, setResult] = useState<Notice | null>(null);
  const { state } = status;
  const base = `/clusters/${encodeURIComponent(cluster)}`;
  const ready = virtualNodes.filter((n) => n.ready === "Ready").length;

  const act = (run: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const response = await run();
      setDialog(null);
      setResult(noticeOf(response));
      await queryClient.invalidateQueries({ queryKey: addonKeys.status(cluster) });
    });

  // Offered when installed too: installing again is safe and says that nothing changed (as onectl does).
  const canInstall = state.phase === "not-installed" || state.phase === "failed" || state.phase === "installed" || state.phase === "degraded";
  const canUninstall = state.phase === "installed" || state.phase === "degraded" || (state.phase === "failed" && status.virtualNodes.length > 0);
  const leftovers = state.phase === "not-installed" ? virtualNodes : [];

  return (
    <section aria-labelledby="addon-title" data-testid="addon-card" data-phase={state.phase} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <header className="flex flex-wrap items-center gap-3">
        <h2 id="addon-title" className="text-lg font-semibold">
          Step 2: ack-virtual-node
        </h2>
        <span data-testid="addon-phase" className={`rounded-full px-2 py-0.5 text-xs font-medium ${PHASE_TONE[state.phase]}`}>
          {PHASE_TEXT[state.phase]}
        </span>
        {"version" in state && state.version && <span className="text-sm text-slate-600">version {state.version}</span>}
        <span className="text-sm text-slate-600" data-testid="virtual-node-count">
          {ready}/{virtualNodes.length} virtual nodes Ready
        </span>
      </header>
      <p className="text-sm text-slate-600">Schedules pods to Elastic Container Instances through virtual nodes, one per vSwitch zone of eci-profile.</p>
      {(state.phase === "installing" || state.phase === "uninstalling") && (
        <div role="status" className="text-sm text-sky-900">
          {state.phase === "installing" ? "Installing" : "Uninstalling"} through ACK{state.progress.taskId ? ` (task ${state.progress.taskId})` : ""}
          {state.progress.totalStages > 0 && ` — stage ${state.progress.completedStages}/${state.progress.totalStages}`}
          {state.progress.stage ? `: ${state.progress.stage}` : ""}…
          <progress
            className="ml-2 align-middle"
            aria-label="Task progress"
            max={state.progress.totalStages || undefined}
            value={state.progress.totalStages ? state.progress.completedStages : undefined}
          />
        </div>
      )}
      {state.reason && (
        <p className={`text-sm ${state.phase === "failed" ? "text-red-700" : "text-amber-900"}`} data-testid="addon-reason">
          {state.reason}
        </p>
      )}
      {state.phase !== "installed" && status.controllerWarnings.length > 0 && (
        <ul data-testid="controller-warnings" className="list-inside list-disc text-sm text-amber-900" aria-label="The controller reports">
          {status.controllerWarnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {state.nextStep && <p className="text-sm text-slate-700">Next: {state.nextStep}</p>}
      {state.phase === "installed" && (
        <p className="text-sm">
          Next:{" "}
          <Link className="text-sky-700 underline" href={`${base}/virtual-nodes`}>
            watch pods land on virtual nodes
          </Link>{" "}
          or{" "}
          <Link className="text-sky-700 underline" href={`${base}/virtual-nodes/settings`}>
            change vSwitches and the security group
          </Link>
          .
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {canInstall && (
          <button
            type="button"
            disabled={busy || !status.link || operateRefusal !== null}
            aria-describedby={operateRefusal ? "operate-refusal" : undefined}
            onClick={() => setDialog("install")}
            className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
          >
            Install
          </button>
        )}
        {canUninstall && (
          <button
            type="button"
            disabled={busy || operateRefusal !== null}
            aria-describedby={operateRefusal ? "operate-refusal" : undefined}
            onClick={() => setDialog("uninstall")}
            className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 disabled:opacity-50"
          >
            Uninstall
          </button>
        )}
      </div>
      {(canInstall || canUninstall) && <RefusalNote id="operate-refusal" reason={operateRefusal} />}
      <ActionNotice notice={result} testId="addon-result" />

      {leftovers.length > 0 && (
        <div data-testid="leftover-nodes" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium">Virtual nodes left behind by the uninstall</p>
          <ul className="mt-1 space-y-1">
            {leftovers.map((n) => (
              <li key={n.name} className="flex items-center gap-3">
                <span className="font-mono">{n.name}</span>
                <span className={n.ready === "Ready" ? "text-emerald-700" : "text-red-700"}>{n.ready}</span>
                <button type="button" disabled={busy} onClick={() => setDialog({ deleteNodes: [n.name] })} className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-xs">
                  Delete
                </button>
              </li>
            ))}
          </ul>
          {leftovers.length > 1 && (
            <button
              type="button"
              disabled={busy}
              onClick={() => setDialog({ deleteNodes: leftovers.map((n) => n.name) })}
              className="mt-2 rounded border border-slate-300 px-2 py-0.5 text-xs"
            >
              Delete all {leftovers.length}
            </button>
          )}
        </div>
      )}

      {dialog === "install" && (
        <ConfirmDialog title="Note" confirmLabel="OK" busy={busy} onCancel={() => setDialog(null)} onConfirm={() => act(() => installVirtualNodeAddon({ cluster }))}>
          The default vSwitch and security group of the cluster are used for elastic container instances that are deployed by ack-virtual-node. You can change them afterwards in{" "}
          <Link className="text-sky-700 underline" href={`${base}/virtual-nodes/settings`}>
            Virtual Nodes settings
          </Link>
          .
          {!status.secret.exists && (
            <p className="mt-2 text-amber-900">alibaba-addon-secret does not exist yet: grant RAM permissions first, or the virtual nodes will not become Ready.</p>
          )}
        </ConfirmDialog>
      )}
      {dialog === "uninstall" && (
        <ConfirmDialog
          title="Uninstall ack-virtual-node?"
          confirmLabel="Uninstall"
          destructive
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={() => act(() => uninstallVirtualNodeAddon({ cluster }))}
        >
          <p>
            ACK removes the add-on&apos;s controller, the vk-webhook and the eci-profile ConfigMap. The Secret alibaba-addon-secret stays. Virtual nodes turn NotReady and can be
            deleted afterwards.
          </p>
          <p className="mt-2 font-medium">Existing Elastic Container Instances are not deleted{eciPods.length ? `: these ${eciPods.length} ECI-backed pods keep running` : ""}.</p>
          {eciPods.length > 0 && (
            <ul data-testid="remaining-eci-pods" className="mt-1 max-h-40 overflow-auto font-mono text-xs">
              {eciPods.map((p) => (
                <li key={p.uid}>
                  {p.namespace}/{p.name} on {p.nodeName}
                  {p.eciInstanceId ? ` (${p.eciInstanceId})` : ""}
                </li>
              ))}
            </ul>
          )}
        </ConfirmDialog>
      )}
      {dialog && typeof dialog === "object" && (
        <ConfirmDialog
          title={dialog.deleteNodes.length === 1 ? `Delete ${dialog.deleteNodes[0]}?` : `Delete ${dialog.deleteNodes.length} virtual nodes?`}
          confirmLabel="Delete"
          destructive
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={() => act(() => deleteVirtualNodes({ cluster, names: dialog.deleteNodes }))}
        >
          Like <code>kubectl delete node</code>. Pods still bound to these nodes are removed from Kubernetes by the pod garbage collector; their ECI instances are not deleted.
        </ConfirmDialog>
      )}
    </section>
  );
}
