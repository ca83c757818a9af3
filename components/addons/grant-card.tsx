"use client";

import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { grantAutomatically, grantManually } from "@/app/clusters/[cluster]/addons/actions";
import { ActionNotice, noticeOf, type Notice } from "@/components/action-notice";
import { ConfirmDialog } from "@/components/confirm-dialog";
import type { AddonStatus } from "@/lib/addon";
import { addonKeys } from "./use-addon-status";
import { RefusalNote, usePermissions } from "@/components/permissions";

type Pending = { kind: "auto"; rotate: boolean } | { kind: "manual"; form: FormData };
type Replace = { pending: Pending; existing: string; writtenBy?: string; writtenAt?: string };

/** Step 1: the RAM permissions and the alibaba-addon-secret Secret, automatically (like onectl) or by hand. */
export function GrantCard({ cluster, status }: { cluster: string; status: AddonStatus }) {
  const queryClient = useQueryClient();
  const [busy, startTransition] = useTransition();
  const [result, setResult] = useState<Notice | null>(null);
  const adminRefusal = usePermissions().admin;
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [replace, setReplace] = useState<Replace | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [limitSource, setLimitSource] = useState(false);
  const [sourceText, setSourceText] = useState(status.egressGuess.join(", "));
  const sourceCidrs = limitSource ? sourceText.split(/[\s,]+/).filter(Boolean) : undefined;
  const sourceError = Object.entries(fieldErrors).find(([field]) => field.startsWith("sourceCidrs"))?.[1];

  const run = (pending: Pending, replaceExisting: boolean) =>
    startTransition(async () => {
      const response =
        pending.kind === "auto"
          ? await grantAutomatically({ cluster, rotate: pending.rotate, replaceExisting, sourceCidrs })
          : await grantManually({ cluster, accessKeyId: pending.form.get("accessKeyId"), accessKeySecret: pending.form.get("accessKeySecret"), replaceExisting, sourceCidrs });
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
      <h2 id="grant-title" className="text-lg font-semibold">
        Step 1: Grant RAM permissions
      </h2>
      <p className="text-sm text-slate-600">
        ack-virtual-node calls ECI and VPC with the AccessKey in <code>kube-system/alibaba-addon-secret</code>.
      </p>
      <p className="text-sm" data-testid="secret-status">
        {secret.exists ? (
          <>
            Secret present: AccessKey <span className="font-mono">{secret.accessKeyId ?? "(no access-key-id)"}</span>
            {secret.writtenBy && <> · written by {secret.writtenBy}</>}
            {secret.writtenAt && (
              <>
                {" "}
                · <time dateTime={secret.writtenAt}>{secret.writtenAt.replace("T", " ").slice(0, 19)}</time>
              </>
            )}
          </>
        ) : (
          <span className="text-amber-800">No alibaba-addon-secret yet.</span>
        )}
      </p>
      <fieldset className="space-y-1 rounded border border-slate-200 p-3 text-sm">
        <legend className="px-1 font-medium">Trusted networks (recommended)</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={limitSource} onChange={(e) => setLimitSource(e.target.checked)} />
          Limit where the add-on&apos;s key can be used from
        </label>
        {limitSource && (
          <label className="flex flex-col gap-1">
            <span>Source networks (IPv4 addresses or CIDR blocks, comma-separated): the cluster&apos;s egress, e.g. its NAT gateway&apos;s EIP</span>
            <input
              value={sourceText}
              onChange={(e) => setSourceText(e.target.value)}
              aria-invalid={Boolean(sourceError)}
              spellCheck={false}
              placeholder="203.0.113.10/32"
              className="w-full max-w-xl rounded border border-slate-300 px-2 py-1 font-mono"
            />
            {status.egressGuess.length === 0 && (
              <span className="text-slate-600">The nodes report no external address; enter the addresses the cluster reaches Alibaba Cloud from.</span>
            )}
            {sourceError && <span className="text-red-700">{sourceError}</span>}
          </label>
        )}
        <p className="text-slate-600">
          Calls with the key from anywhere else are refused by RAM (a Deny on acs:SourceIp, in a policy of the add-on&apos;s RAM user alone). Applies to the grant below, automatic
          or manual.
        </p>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={busy || !status.link || adminRefusal !== null}
          aria-describedby={adminRefusal ? "admin-refusal" : undefined}
          onClick={() => run({ kind: "auto", rotate: false }, false)}
          className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
        >
          {busy ? "Working…" : "Grant automatically"}
        </button>
        {secret.exists && (
          <button
            type="button"
            disabled={busy || !status.link || adminRefusal !== null}
            aria-describedby={adminRefusal ? "admin-refusal" : undefined}
            onClick={() => setConfirmRotate(true)}
            className="rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50"
          >
            Rotate AccessKey
          </button>
        )}
      </div>
      <RefusalNote id="admin-refusal" reason={adminRefusal} />
      {!status.link && <p className="text-sm text-amber-800">Link the cluster to its ACK registered cluster on the Clusters page to grant automatically.</p>}
      <ActionNotice notice={result} testId="grant-result" />

      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">Use an existing AccessKey pair instead</summary>
        <form
          id="manual-grant-form"
          className="mt-2 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            run({ kind: "manual", form: new FormData(e.currentTarget) }, false);
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor="manual-accessKeyId">AccessKey ID</label>
            <input
              id="manual-accessKeyId"
              name="accessKeyId"
              aria-describedby={fieldErrors.accessKeyId ? "accessKeyId-error" : undefined}
              required
              autoComplete="off"
              spellCheck={false}
              aria-invalid={Boolean(fieldErrors.accessKeyId)}
              className="w-72 rounded border border-slate-300 px-2 py-1 font-mono"
            />
            {fieldErrors.accessKeyId && (
              <span id="accessKeyId-error" className="text-red-700">
                {fieldErrors.accessKeyId}
              </span>
            )}
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="manual-accessKeySecret">AccessKey secret</label>
            <input
              id="manual-accessKeySecret"
              name="accessKeySecret"
              aria-describedby={fieldErrors.accessKeySecret ? "accessKeySecret-error" : undefined}
              type="password"
              required
              autoComplete="new-password"
              aria-invalid={Boolean(fieldErrors.accessKeySecret)}
              className="w-72 rounded border border-slate-300 px-2 py-1 font-mono"
            />
            {fieldErrors.accessKeySecret && (
              <span id="accessKeySecret-error" className="text-red-700">
                {fieldErrors.accessKeySecret}
              </span>
            )}
          </div>
          <button type="submit" disabled={busy} className="rounded border border-slate-300 px-3 py-1.5 disabled:opacity-50">
            Save to the cluster
          </button>
          <p className="basis-full text-slate-600">
            The pair is checked with a signed call, written to the Secret, and never shown again. Attach AliyunECIFullAccess and AliyunVPCReadOnlyAccess (or an equivalent custom
            policy) to its RAM user.
          </p>
        </form>
      </details>

      {replace && (
        <ConfirmDialog
          title="Replace the AccessKey in alibaba-addon-secret?"
          confirmLabel="Replace it"
          destructive
          busy={busy}
          onCancel={() => setReplace(null)}
          onConfirm={() => run(replace.pending, true)}
        >
          The Secret holds AccessKey <span className="font-mono">{replace.existing}</span>
          {replace.writtenBy ? `, written by ${replace.writtenBy}` : ""}
          {replace.writtenAt ? ` at ${replace.writtenAt.replace("T", " ").slice(0, 19)}` : ""}. ack-virtual-node will use the new key from now on; the old key itself is not deleted
          from RAM.
        </ConfirmDialog>
      )}
      {confirmRotate && (
        <ConfirmDialog
          title="Rotate the add-on's AccessKey?"
          confirmLabel="Rotate"
          busy={busy}
          onCancel={() => setConfirmRotate(false)}
          onConfirm={() => run({ kind: "auto", rotate: true }, false)}
        >
          A new AccessKey is created for the add-on&apos;s RAM user and written to alibaba-addon-secret, and the add-on&apos;s controller is restarted onto it. The replaced key is
          deleted from RAM only once every controller pod runs the new key; if the restart fails, it is kept.
        </ConfirmDialog>
      )}
    </section>
  );
}
