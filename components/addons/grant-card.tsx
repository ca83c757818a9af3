"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { grantAutomatically, grantManually } from "@/app/clusters/[cluster]/addons/actions";
import { ActionNotice, noticeOf, type Notice } from "@/components/action-notice";
import { ConfirmDialog } from "@/components/confirm-dialog";
import type { AddonStatus } from "@/lib/addon";
import { addonKeys } from "./use-addon-status";
import { RefusalNote, usePermissions } from "@/components/permissions";

/** "2026-12-03T11:00:00Z" -> "2026-12-03 11:00:00": the Secret's own UTC time, read the same in every language. */
const shownTime = (iso: string) => iso.replace("T", " ").slice(0, 19);

type Pending = { kind: "auto"; rotate: boolean } | { kind: "manual"; form: FormData };
type Replace = { pending: Pending; existing: string; writtenBy?: string; writtenAt?: string };

/** Step 1: the RAM permissions and the alibaba-addon-secret Secret, automatically (like onectl) or by hand. */
export function GrantCard({ cluster, status }: { cluster: string; status: AddonStatus }) {
  const t = useTranslations("grant");
  const tUi = useTranslations("ui");
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
        {t("title")}
      </h2>
      <p className="text-sm text-slate-600">{t.rich("intro", { code: (text) => <code>{text}</code> })}</p>
      <p className="text-sm" data-testid="secret-status">
        {secret.exists ? (
          <>
            {t.rich("secretPresent", {
              accessKeyId: secret.accessKeyId ?? t("noAccessKeyIdField"),
              key: (text) => <span className="font-mono">{text}</span>,
            })}
            {secret.writtenBy && <> · {t("writtenBy", { who: secret.writtenBy })}</>}
            {secret.writtenAt && (
              <>
                {" "}
                · <time dateTime={secret.writtenAt}>{shownTime(secret.writtenAt)}</time>
              </>
            )}
          </>
        ) : (
          <span className="text-amber-800">{t("noSecret")}</span>
        )}
      </p>
      <fieldset className="space-y-1 rounded border border-slate-200 p-3 text-sm">
        <legend className="px-1 font-medium">{t("trustedNetworks")}</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={limitSource} onChange={(e) => setLimitSource(e.target.checked)} />
          {t("limitSource")}
        </label>
        {limitSource && (
          <label className="flex flex-col gap-1">
            <span>{t("sourceLabel")}</span>
            <input
              value={sourceText}
              onChange={(e) => setSourceText(e.target.value)}
              aria-invalid={Boolean(sourceError)}
              spellCheck={false}
              placeholder={t("sourcePlaceholder")}
              className="w-full max-w-xl rounded border border-slate-300 px-2 py-1 font-mono"
            />
            {status.egressGuess.length === 0 && <span className="text-slate-600">{t("noExternalAddress")}</span>}
            {sourceError && <span className="text-red-700">{sourceError}</span>}
          </label>
        )}
        <p className="text-slate-600">{t("sourceExplain")}</p>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={busy || !status.link || adminRefusal !== null}
          aria-describedby={adminRefusal ? "admin-refusal" : undefined}
          onClick={() => run({ kind: "auto", rotate: false }, false)}
          className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
        >
          {busy ? tUi("working") : t("grantAutomatically")}
        </button>
        {secret.exists && (
          <button
            type="button"
            disabled={busy || !status.link || adminRefusal !== null}
            aria-describedby={adminRefusal ? "admin-refusal" : undefined}
            onClick={() => setConfirmRotate(true)}
            className="rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50"
          >
            {t("rotate")}
          </button>
        )}
      </div>
      <RefusalNote id="admin-refusal" reason={adminRefusal} />
      {!status.link && <p className="text-sm text-amber-800">{t("linkFirst")}</p>}
      <ActionNotice notice={result} testId="grant-result" />

      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">{t("manual.summary")}</summary>
        <form
          id="manual-grant-form"
          className="mt-2 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            run({ kind: "manual", form: new FormData(e.currentTarget) }, false);
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor="manual-accessKeyId">{t("manual.accessKeyId")}</label>
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
            <label htmlFor="manual-accessKeySecret">{t("manual.accessKeySecret")}</label>
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
            {t("manual.save")}
          </button>
          <p className="basis-full text-slate-600">{t("manual.note")}</p>
        </form>
      </details>

      {replace && (
        <ConfirmDialog
          title={t("replaceDialog.title")}
          confirmLabel={t("replaceDialog.confirm")}
          destructive
          busy={busy}
          onCancel={() => setReplace(null)}
          onConfirm={() => run(replace.pending, true)}
        >
          {t.rich("replaceDialog.body", {
            existing: replace.existing,
            hasWriter: replace.writtenBy ? "yes" : "no",
            writtenBy: replace.writtenBy ?? "",
            hasTime: replace.writtenAt ? "yes" : "no",
            writtenAt: shownTime(replace.writtenAt ?? ""),
            key: (text) => <span className="font-mono">{text}</span>,
          })}
        </ConfirmDialog>
      )}
      {confirmRotate && (
        <ConfirmDialog
          title={t("rotateDialog.title")}
          confirmLabel={t("rotateDialog.confirm")}
          busy={busy}
          onCancel={() => setConfirmRotate(false)}
          onConfirm={() => run({ kind: "auto", rotate: true }, false)}
        >
          {t("rotateDialog.body")}
        </ConfirmDialog>
      )}
    </section>
  );
}
