"use client";
// eci-profile changed in the cluster since the form loaded it. Shows their change (base → theirs) and what the
// form would still change, merges per key (three-way, base = what the form loaded) and asks about keys both sides
// changed differently. Nothing is written from here: the merge goes back into the form for the usual review.
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { diffConfigMapData, merge, resolveConflicts, type ConflictChoice } from "@/lib/eci-profile";
import { ConfigMapDiff } from "./config-map-diff";
import type { Snapshot } from "./use-eci-profile-form";

export function ConflictView({
  base,
  mine,
  theirs,
  addonsHref,
  onMerged,
  onReload,
  onDismiss,
}: {
  base: Snapshot;
  mine: Record<string, string>;
  /** undefined: the ConfigMap was deleted. */
  theirs?: Snapshot;
  addonsHref: string;
  onMerged: (theirs: Snapshot, data: Record<string, string>) => void;
  onReload: (theirs: Snapshot) => void;
  onDismiss: () => void;
}) {
  const result = useMemo(() => (theirs ? merge(base.data, mine, theirs.data) : undefined), [base, mine, theirs]);
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const t = useTranslations("eciProfile.conflict");
  const show = (v?: string) => (v === undefined ? t("keyRemoved") : v === "" ? t("empty") : v);
  if (!theirs || !result)
    return (
      <section role="alert" aria-label={t("label")} data-testid="conflict-view" className="space-y-2 rounded border border-red-300 bg-red-50 p-4 text-sm">
        <h2 className="font-semibold">{t("goneTitle")}</h2>
        <p>
          {t.rich("goneBody", {
            addons: (c) => (
              <a className="text-sky-700 underline" href={addonsHref}>
                {c}
              </a>
            ),
          })}
        </p>
      </section>
    );
  const theirChange = diffConfigMapData(base.data, theirs.data);
  const decided = result.conflicts.every((c) => choices[c.key] !== undefined);
  return (
    <section role="alert" aria-label={t("label")} data-testid="conflict-view" className="space-y-3 rounded border border-amber-300 bg-amber-50 p-4 text-sm">
      <h2 className="text-base font-semibold">{t("changedTitle")}</h2>
      <p>{t("theirChange", { from: base.resourceVersion, to: theirs.resourceVersion })}</p>
      <ConfigMapDiff changes={theirChange} testId="their-change" />
      <p>
        {t("yourEdits")}{" "}
        {result.fromMine.length
          ? result.fromMine.map((k) => (
              <code key={k} className="mr-1">
                {k}
              </code>
            ))
          : t("noneLeft")}
        .
      </p>
      {result.conflicts.length > 0 && (
        <div className="space-y-2">
          <h3 className="font-medium">{t("bothChanged")}</h3>
          {result.conflicts.map((c) => (
            <fieldset key={c.key} data-testid="merge-conflict" className="space-y-1 rounded border border-amber-200 bg-white p-2">
              <legend className="font-mono text-xs font-semibold">{c.key}</legend>
              {(["mine", "theirs"] as const).map((side) => (
                <label key={side} className="flex items-start gap-2">
                  <input type="radio" name={`conflict-${c.key}`} checked={choices[c.key] === side} onChange={() => setChoices({ ...choices, [c.key]: side })} className="mt-1" />
                  <span>
                    {side === "mine" ? t("keepMine") : t("keepTheirs")}: <code className="whitespace-pre-wrap break-all">{show(c[side])}</code>
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={!decided}
          onClick={() => onMerged(theirs, resolveConflicts(result, choices))}
          className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white disabled:opacity-50"
        >
          {t("mergeAndReview")}
        </button>
        <button type="button" onClick={() => onReload(theirs)} className="rounded border border-slate-300 bg-white px-3 py-1.5">
          {t("discardAndReload")}
        </button>
        <button type="button" onClick={onDismiss} className="px-3 py-1.5 text-slate-600 underline">
          {t("keepEditing")}
        </button>
      </div>
    </section>
  );
}
