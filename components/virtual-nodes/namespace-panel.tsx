"use client";

import { useTranslations } from "next-intl";
import { memo, useState, useTransition } from "react";
import type { NamespaceView } from "@/lib/live/namespace-view";
import { setNamespaceEci } from "@/app/clusters/[cluster]/virtual-nodes/actions";
import { ActionNotice, noticeOf, type Notice } from "@/components/action-notice";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { useLabelRefusal } from "@/components/permissions";

/** Which namespaces send their pods to ECI (`alibabacloud.com/eci=true`), with a confirmed toggle. */
// Memoised: the Virtual Nodes page renders on every live batch of pods, which never changes what this panel shows.
export const NamespacePanel = memo(NamespacePanelView);

function NamespacePanelView({ cluster, namespaces }: { cluster: string; namespaces: NamespaceView[] | undefined }) {
  const t = useTranslations("virtualNodes.namespaces");
  const [pending, setPending] = useState<NamespaceView | null>(null);
  const [message, setMessage] = useState<Notice | null>(null);
  const [busy, startTransition] = useTransition();

  const confirm = () => {
    if (!pending) return;
    const target = pending;
    startTransition(async () => {
      const result = await setNamespaceEci({ cluster, namespace: target.name, enabled: !target.eci });
      setMessage(noticeOf(result));
      setPending(null);
    });
  };

  return (
    <section aria-label={t("title")} className="rounded border border-slate-200 bg-white">
      <h2 className="border-b border-slate-100 px-3 py-2 font-semibold">{t("title")}</h2>
      <p className="px-3 pt-2 text-sm text-slate-600">{t.rich("intro", { code: (c) => <code>{c}</code> })}</p>
      <ActionNotice notice={message} testId="namespace-result" className="px-3 pt-2" />
      {!namespaces ? (
        <p className="p-3 text-sm text-slate-500" role="status">
          {t("loading")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-50 p-1">
          {[...namespaces]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((ns) => (
              <li key={ns.uid} data-testid="namespace-row" data-namespace={ns.name} className="flex items-center gap-3 px-2 py-1.5 text-sm">
                <span className="font-mono">{ns.name}</span>
                {ns.eci && <span className="rounded bg-sky-100 px-1.5 text-xs text-sky-800">{t("eciBadge")}</span>}
                <LabelButton ns={ns} busy={busy} onClick={() => setPending(ns)} />
              </li>
            ))}
        </ul>
      )}
      {pending && (
        <ConfirmDialog
          title={pending.eci ? t("stopTitle", { namespace: pending.name }) : t("sendTitle", { namespace: pending.name })}
          confirmLabel={pending.eci ? t("removeLabel") : t("addLabel")}
          busy={busy}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        >
          {t.rich(pending.eci ? "stopBody" : "sendBody", { namespace: pending.name, code: (c) => <code>{c}</code>, b: (c) => <b>{c}</b> })}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The toggle, disabled with the reason when Kubernetes would refuse the person (the server refuses anyway). */
function LabelButton({ ns, busy, onClick }: { ns: NamespaceView; busy: boolean; onClick: () => void }) {
  const refusal = useLabelRefusal(ns.name);
  const t = useTranslations("virtualNodes.namespaces");
  return (
    <button
      type="button"
      disabled={busy || ns.phase === "Terminating" || refusal !== null}
      title={refusal ?? undefined}
      aria-description={refusal ?? undefined}
      onClick={onClick}
      className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50"
    >
      {ns.eci ? t("stopButton") : t("sendButton")}
    </button>
  );
}
