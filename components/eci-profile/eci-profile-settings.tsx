"use client";
// The eci-profile form: check as you type, review the ConfigMap diff, write with the version it was read at, and on
// a conflict show the other change with merge or reload. Follows the ConfigMap live.
import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { checkProfile, diffConfigMapData, toConfigMapData, type EciProfileFields, type FieldMessage, type KeyChange, type NetworkState } from "@/lib/eci-profile";
import { saveEciProfile } from "@/app/clusters/[cluster]/virtual-nodes/settings/actions";
import { ActionNotice, noticeOf, type Notice } from "@/components/action-notice";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { StreamHealthBadge } from "@/components/live/stream-health-badge";
import { ConfigMapDiff } from "./config-map-diff";
import { ConflictView } from "./conflict-view";
import { NetworkFields } from "./network-fields";
import { ReadProblems } from "./read-problems";
import { SelectorsEditor } from "./selectors-editor";
import { fieldsOf, useEciProfileForm, type Snapshot } from "./use-eci-profile-form";
import { VSwitchPicker } from "./vswitch-picker";

export function EciProfileSettings({
  cluster,
  regionId,
  regionGuessed,
  initial,
  network,
}: {
  cluster: string;
  regionId: string;
  regionGuessed: boolean;
  initial: Snapshot;
  network: NetworkState;
}) {
  const router = useRouter();
  const t = useTranslations("eciProfile.settings");
  const translate = useTranslations();
  const form = useEciProfileForm(cluster, initial);
  const { fields, base } = form;
  const facts = network.kind === "ready" ? network.facts : undefined;
  const [serverErrors, setServerErrors] = useState<FieldMessage[]>([]);
  const [jsonInvalid, setJsonInvalid] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [review, setReview] = useState<{ changes: KeyChange[] } | null>(null);
  const [conflict, setConflict] = useState<{ mine: Record<string, string>; theirs?: Snapshot } | null>(null);
  const [busy, startTransition] = useTransition();
  const addonsHref = `/clusters/${encodeURIComponent(cluster)}/addons`;

  const local = useMemo(() => checkProfile(fields, facts, translate), [fields, facts, translate]);
  const findings = { errors: [...serverErrors, ...local.errors], warnings: local.warnings };
  const mine = () => toConfigMapData(fields, base.data, { forceKeys: form.forceKeys });

  const set = <K extends keyof EciProfileFields>(key: K, value: EciProfileFields[K]) => {
    setServerErrors([]);
    form.setFields({ ...fields, [key]: value });
  };

  const startReview = () => {
    setNotice(null);
    const count = findings.errors.length + (jsonInvalid ? 1 : 0);
    if (count > 0) {
      setNotice({ ok: false, text: t("fixFirst", { count }) });
      return;
    }
    const changes = diffConfigMapData(base.data, mine());
    if (changes.length === 0) setNotice({ ok: true, text: t("nothingToSave") });
    else setReview({ changes });
  };

  const save = () =>
    startTransition(async () => {
      const attempted = mine();
      const result = await saveEciProfile({ cluster, resourceVersion: base.resourceVersion, fields, forceKeys: form.forceKeys });
      setReview(null);
      if (!result.ok) {
        setServerErrors(Object.entries(result.fieldErrors ?? {}).map(([field, message]) => ({ field, message })));
        setNotice(noticeOf(result));
        return;
      }
      const outcome = result.data;
      if (outcome.kind === "conflict") setConflict({ mine: attempted, theirs: outcome.current });
      else form.saved(outcome.snapshot);
      setNotice(outcome.kind === "conflict" ? { ok: false, text: result.message } : { ok: true, text: result.message });
    });

  const reload = (theirs: Snapshot) => {
    form.reset(theirs);
    setConflict(null);
    setNotice({ ok: true, text: t("reloaded", { version: theirs.resourceVersion }) });
  };

  const merged = (theirs: Snapshot, data: Record<string, string>) => {
    form.rebase(theirs, fieldsOf(data).fields);
    setConflict(null);
    const changes = diffConfigMapData(theirs.data, toConfigMapData(fieldsOf(data).fields, theirs.data));
    if (changes.length === 0) setNotice({ ok: true, text: t("theirsHoldsAll") });
    else setReview({ changes });
  };

  return (
    <div className="space-y-6" data-testid="eci-profile-settings" data-resource-version={base.resourceVersion} data-dirty={form.dirty}>
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <StreamHealthBadge />
        <span>{t(regionGuessed ? "versionRegionGuessed" : "versionRegion", { version: base.resourceVersion, region: regionId })}</span>
        {form.followedAt && !form.dirty && <span role="status">{t("followed", { time: form.followedAt })}</span>}
      </div>

      {network.kind !== "ready" && (
        <div role="alert" data-testid="network-unavailable" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p>{network.message}</p>
          <p className="mt-1">{t("networkUnavailable")}</p>
          <button type="button" onClick={() => router.refresh()} className="mt-2 rounded border border-amber-300 bg-white px-2 py-0.5">
            {t("tryAgain")}
          </button>
        </div>
      )}

      {form.deleted && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {t.rich("deleted", {
            addons: (c) => (
              <a className="underline" href={addonsHref}>
                {c}
              </a>
            ),
          })}
        </p>
      )}

      {form.remote && !conflict && (
        <div role="alert" data-testid="remote-change-banner" className="flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <span>{t("remoteChange", { version: form.remote.resourceVersion })}</span>
          <button type="button" onClick={() => setConflict({ mine: mine(), theirs: form.remote! })} className="rounded border border-amber-400 bg-white px-2 py-0.5">
            {t("reviewOther")}
          </button>
          <button type="button" onClick={() => reload(form.remote!)} className="rounded border border-slate-300 bg-white px-2 py-0.5">
            {t("discardAndReload")}
          </button>
        </div>
      )}

      {conflict && (
        <ConflictView base={base} mine={conflict.mine} theirs={conflict.theirs} addonsHref={addonsHref} onMerged={merged} onReload={reload} onDismiss={() => setConflict(null)} />
      )}

      <ReadProblems problems={form.problems} forceKeys={form.forceKeys} onForce={(key) => form.setForceKeys([...form.forceKeys, key])} />

      <form
        className="space-y-6"
        onSubmit={(e) => {
          e.preventDefault();
          startReview();
        }}
      >
        <section className="rounded border border-slate-200 bg-white p-4">
          <VSwitchPicker
            value={fields.vSwitchIds}
            onChange={(ids) => set("vSwitchIds", ids)}
            vSwitches={facts?.vSwitches}
            vpcId={fields.vpcId}
            regionId={regionId}
            errors={findings.errors}
            warnings={findings.warnings}
          />
        </section>
        <section className="rounded border border-slate-200 bg-white p-4">
          <NetworkFields fields={fields} set={set} facts={facts} findings={findings} />
        </section>
        <section className="rounded border border-slate-200 bg-white p-4">
          <SelectorsEditor value={fields.selectors} onChange={(s) => set("selectors", s)} errors={findings.errors} onJsonInvalid={setJsonInvalid} />
        </section>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={busy} className="rounded bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60">
            {t("reviewAndSave")}
          </button>
          <button type="button" disabled={!form.dirty || busy} onClick={() => form.reset(base)} className="rounded border border-slate-300 px-3 py-2 text-sm disabled:opacity-40">
            {t("undo")}
          </button>
          <span className="text-sm text-slate-600">{t("appliesToNew")}</span>
        </div>
        <ActionNotice notice={notice} testId="save-notice" />
      </form>

      {review && (
        <ConfirmDialog title={t("saveTitle")} confirmLabel={t("saveConfirm")} busy={busy} onConfirm={save} onCancel={() => setReview(null)}>
          <p className="mb-2">{t.rich("saveKeys", { version: base.resourceVersion, code: (c) => <code>{c}</code> })}</p>
          <ConfigMapDiff changes={review.changes} testId="save-diff" />
          {findings.warnings.length > 0 && (
            <ul className="mt-2 space-y-0.5 text-amber-800">
              {findings.warnings.map((w) => (
                <li key={w.field + w.message}>{t("warning", { message: w.message })}</li>
              ))}
            </ul>
          )}
          <p className="mt-2">{t("saveApplies")}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
