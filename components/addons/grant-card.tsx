"use client";

import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { grantAutomatically, grantManually } from "@/app/clusters/[cluster]/addons/actions";
import { ActionNotice, noticeOf, type Notice } from "@/components/action-notice";
import { ConfirmDialog } from "@/components/confirm-dialog";
import type { AddonStatus } from "@/lib/addon";
import { addonKeys } from "./use-addon-status";

type Pending = { kind: "auto"; rotate: boolean } | { kind: "manual"; form: FormData };
type Replace = { pending: Pending; existing: string; writtenBy?: string; writtenAt?: string };

/** Step 1: the RAM permissions and the alibaba-addon-secret Secret, automatically (like onectl) or by hand. */
export function GrantCard({ cluster, status }: { cluster: string; status: AddonStatus }) {
  const queryClient = useQueryClient();
  const [busy, startTransition] = useTransition();
  const [result, setResult] = useState<Notice | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [replace, setReplace] = useState<Replace | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);

  const run = (pending: Pending, replaceExisting: boolean) =>
    startTransition(async () => {
      const response = pending.kind === "auto"
        ? await grantAutomatically({ cluster, rotate: pending.rotate, replaceExisting })
        : await grantManually({ cluster, accessKeyId: pending.form.get("accessKeyId"), accessKeySecret: pending.form.get("accessKeySecret"), replaceExisting });
      setReplace(null);
      setConfirmRotate(false);
      if (!response.ok) {
        setFieldErrors(response.fieldErrors ?? {});
        setResult(noticeOf(response));
        return;
      }
      setFieldErrors({});
      if (response.data.kind === "needs-confirmation") {
        setReplace({ pending, existing: response.data.existingAccessKeyId, writtenBy: response.data.writtenBy, writtenAt: response.data.writtenAt });
        return;
      }
      setResult({ ok: true, text: response.message });
      if (pending.kind === "manual") (document.getElementById("manual-grant-form") as HTMLFormElement | null)?.reset();
      await queryClient.invalidateQueries({ queryKey: addonKeys.status(cluster) });
    });

  const { secret } = status;
  return (
    <section aria-labelledby="grant-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="grant-title" className="text-lg font-semibold">Step 1: Grant RAM permissions</h2>
      <p className="text-sm text-slate-600">ack-virtual-node calls ECI and VPC with the AccessKey in <code>kube-system/alibaba-addon-secret</code>.</p>
      <p className="text-sm" data-testid="secret-status">
        {secret.exists ? (
          <>Secret present: AccessKey <span className="font-mono">{secret.accessKeyId ?? "(no access-key-id)"}</span>
            {secret.writtenBy && <> · written by {secret.writtenBy}</>}{secret.writtenAt && <> · <time dateTime={secret.writtenAt}>{secret.writtenAt.replace("T", " ").slice(0, 19)}</time></>}</>
        ) : (
          <span className="text-amber-800">No alibaba-addon-secret yet.</span>
        )}
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={busy || !status.link} onClick={() => run({ kind: "auto", rotate: false }, false)}
          className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50">
          {busy ? "Working…" : "Grant automatically"}
        </button>
        {secret.exists && (
          <button type="button" disabled={busy || !status.link} onClick={() => setConfirmRotate(true)} className="rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50">
            Rotate AccessKey
          </button>
        )}
      </div>
      {!status.link && <p className="text-sm text-amber-800">Link the cluster to its ACK registered cluster on the Clusters page to grant automatically.</p>}
      <ActionNotice notice={result} testId="grant-result" />

      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">Use an existing AccessKey pair instead</summary>
        <form id="manual-grant-form" className="mt-2 flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); run({ kind: "manual", form: new FormData(e.currentTarget) }, false); }}>
          <label className="flex flex-col gap-1">
            <span>AccessKey ID</span>
            <input name="accessKeyId" required autoComplete="off" spellCheck={false} aria-invalid={Boolean(fieldErrors.accessKeyId)} className="w-72 rounded border border-slate-300 px-2 py-1 font-mono" />
            {fieldErrors.accessKeyId && <span className="text-red-700">{fieldErrors.accessKeyId}</span>}
          </label>
          <label className="flex flex-col gap-1">
            <span>AccessKey secret</span>
            <input name="accessKeySecret" type="password" required autoComplete="new-password" aria-invalid={Boolean(fieldErrors.accessKeySecret)} className="w-72 rounded border border-slate-300 px-2 py-1 font-mono" />
            {fieldErrors.accessKeySecret && <span className="text-red-700">{fieldErrors.accessKeySecret}</span>}
          </label>
          <button type="submit" disabled={busy} className="rounded border border-slate-300 px-3 py-1.5 disabled:opacity-50">Save to the cluster</button>
          <p className="basis-full text-slate-600">The pair is checked with a signed call, written to the Secret, and never shown again. Attach AliyunECIFullAccess and AliyunVPCReadOnlyAccess (or an equivalent custom policy) to its RAM user.</p>
        </form>
      </details>

      {replace && (
        <ConfirmDialog title="Replace the AccessKey in alibaba-addon-secret?" confirmLabel="Replace it" destructive busy={busy}
          onCancel={() => setReplace(null)} onConfirm={() => run(replace.pending, true)}>
          The Secret holds AccessKey <span className="font-mono">{replace.existing}</span>{replace.writtenBy ? `, written by ${replace.writtenBy}` : ""}{replace.writtenAt ? ` at ${replace.writtenAt.replace("T", " ").slice(0, 19)}` : ""}.
          ack-virtual-node will use the new key from now on; the old key itself is not deleted from RAM.
        </ConfirmDialog>
      )}
      {confirmRotate && (
        <ConfirmDialog title="Rotate the add-on's AccessKey?" confirmLabel="Rotate" busy={busy} onCancel={() => setConfirmRotate(false)} onConfirm={() => run({ kind: "auto", rotate: true }, false)}>
          A new AccessKey is created for the add-on&apos;s RAM user and written to alibaba-addon-secret; the replaced key is then deleted from RAM.
        </ConfirmDialog>
      )}
    </section>
  );
}
