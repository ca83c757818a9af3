"use client";

import { RefusalNote, usePermissions } from "@/components/permissions";
import Link from "next/link";
import { useTranslations } from "next-intl";
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

/** The catalogue key (under addons.card.phase) of each phase's label; data-phase keeps the phase itself. */
const PHASE_TEXT = {
  "not-installed": "notInstalled",
  installing: "installing",
  installed: "installed",
  degraded: "degraded",
  failed: "failed",
  uninstalling: "uninstalling",
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
  const t = useTranslations("addons.card");
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
          {t("title")}
        </h2>
        <span data-testid="addon-phase" className={`rounded-full px-2 py-0.5 text-xs font-medium ${PHASE_TONE[state.phase]}`}>
          {t(`phase.${PHASE_TEXT[state.phase]}`)}
        </span>
        {"version" in state && state.version && <span className="text-sm text-slate-600">{t("version", { version: state.version })}</span>}
        <span className="text-sm text-slate-600" data-testid="virtual-node-count">
          {t("virtualNodesReady", { ready, total: virtualNodes.length })}
        </span>
      </header>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {(state.phase === "installing" || state.phase === "uninstalling") && (
        <div role="status" className="text-sm text-sky-900">
          {t(state.phase === "installing" ? "progress.installing" : "progress.uninstalling")}
          {state.progress.taskId && t("progress.task", { taskId: state.progress.taskId })}
          {state.progress.totalStages > 0 && t("progress.stages", { completed: state.progress.completedStages, total: state.progress.totalStages })}
          {state.progress.stage && t("progress.stage", { stage: state.progress.stage })}
          {t("progress.ellipsis")}
          <progress
            className="ml-2 align-middle"
            aria-label={t("progress.label")}
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
        <ul data-testid="controller-warnings" className="list-inside list-disc text-sm text-amber-900" aria-label={t("controllerReports")}>
          {status.controllerWarnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {state.nextStep && <p className="text-sm text-slate-700">{t("next", { step: state.nextStep })}</p>}
      {state.phase === "installed" && (
        <p className="text-sm">
          {t.rich("nextInstalled", {
            watch: (text) => (
              <Link className="text-sky-700 underline" href={`${base}/virtual-nodes`}>
                {text}
              </Link>
            ),
            settings: (text) => (
              <Link className="text-sky-700 underline" href={`${base}/virtual-nodes/settings`}>
                {text}
              </Link>
            ),
          })}
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
            {t("install")}
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
            {t("uninstall")}
          </button>
        )}
      </div>
      {(canInstall || canUninstall) && <RefusalNote id="operate-refusal" reason={operateRefusal} />}
      <ActionNotice notice={result} testId="addon-result" />

      {leftovers.length > 0 && (
        <div data-testid="leftover-nodes" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t("leftoverTitle")}</p>
          <ul className="mt-1 space-y-1">
            {leftovers.map((n) => (
              <li key={n.name} className="flex items-center gap-3">
                <span className="font-mono">{n.name}</span>
                <span className={n.ready === "Ready" ? "text-emerald-700" : "text-red-700"}>{t("nodeReady", { ready: n.ready })}</span>
                <button type="button" disabled={busy} onClick={() => setDialog({ deleteNodes: [n.name] })} className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-xs">
                  {t("delete")}
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
              {t("deleteAll", { count: leftovers.length })}
            </button>
          )}
        </div>
      )}

      {dialog === "install" && (
        <ConfirmDialog
          title={t("installNote.title")}
          confirmLabel={t("installNote.confirm")}
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={() => act(() => installVirtualNodeAddon({ cluster }))}
        >
          {t.rich("installNote.body", {
            settings: (text) => (
              <Link className="text-sky-700 underline" href={`${base}/virtual-nodes/settings`}>
                {text}
              </Link>
            ),
          })}
          {!status.secret.exists && <p className="mt-2 text-amber-900">{t("installNote.noSecret")}</p>}
        </ConfirmDialog>
      )}
      {dialog === "uninstall" && (
        <ConfirmDialog
          title={t("uninstallDialog.title")}
          confirmLabel={t("uninstallDialog.confirm")}
          destructive
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={() => act(() => uninstallVirtualNodeAddon({ cluster }))}
        >
          <p>{t("uninstallDialog.body")}</p>
          <p className="mt-2 font-medium">{eciPods.length ? t("uninstallDialog.instancesKeptPods", { count: eciPods.length }) : t("uninstallDialog.instancesKept")}</p>
          {eciPods.length > 0 && (
            <ul data-testid="remaining-eci-pods" className="mt-1 max-h-40 overflow-auto font-mono text-xs">
              {eciPods.map((p) => (
                <li key={p.uid}>
                  {t("uninstallDialog.podOnNode", { pod: `${p.namespace}/${p.name}`, node: p.nodeName ?? "" })}
                  {p.eciInstanceId ? ` (${p.eciInstanceId})` : ""}
                </li>
              ))}
            </ul>
          )}
        </ConfirmDialog>
      )}
      {dialog && typeof dialog === "object" && (
        <ConfirmDialog
          title={t("deleteDialog.title", { count: dialog.deleteNodes.length, name: dialog.deleteNodes[0] })}
          confirmLabel={t("deleteDialog.confirm")}
          destructive
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={() => act(() => deleteVirtualNodes({ cluster, names: dialog.deleteNodes }))}
        >
          {t.rich("deleteDialog.body", { code: (text) => <code>{text}</code> })}
        </ConfirmDialog>
      )}
    </section>
  );
}
