"use client";
// One entry of eci-profile `selectors`: which pods it matches (namespace and object label selectors) and what it
// adds to them (effect annotations and labels).
import { useTranslations } from "next-intl";
import type { EciSelector, LabelSelector } from "@/lib/eci-profile";
import { KeyValueEditor } from "./key-value-editor";
import { FieldNotes } from "./field-notes";

type Maps = Record<string, string> | undefined;

/** Drops what became empty, so the written JSON has no `{}` leftovers the user never meant to write. */
function withSelector(selector: LabelSelector | undefined, matchLabels: Maps): LabelSelector | undefined {
  const next = { ...selector, matchLabels };
  if (!matchLabels) delete next.matchLabels;
  return Object.keys(next).length ? next : undefined;
}

function prune<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export function SelectorCard({
  index,
  selector,
  onChange,
  onRemove,
  errors,
}: {
  index: number;
  selector: EciSelector;
  onChange: (s: EciSelector) => void;
  onRemove: () => void;
  errors: string[];
}) {
  const t = useTranslations("eciProfile.selectors");
  const set = (patch: Partial<EciSelector>) => onChange(prune({ ...selector, ...patch }));
  const setEffect = (key: "annotations" | "labels", map: Maps) => {
    const effect = prune({ ...selector.effect, [key]: map });
    set({ effect: Object.keys(effect).length ? effect : undefined });
  };
  const expressions = (selector.namespaceSelector?.matchExpressions?.length ?? 0) + (selector.objectSelector?.matchExpressions?.length ?? 0);
  return (
    <li data-testid="selector-card" className="space-y-2 rounded border border-slate-200 bg-white p-3">
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-2 text-sm">
          <span className="text-slate-600">{t("name")}</span>
          <input
            value={selector.name}
            onChange={(e) => set({ name: e.target.value })}
            aria-label={t("nameLabel", { position: index + 1 })}
            className="rounded border border-slate-300 px-2 py-0.5 font-mono"
          />
        </label>
        <span className="flex-1" />
        <button type="button" onClick={onRemove} className="text-sm text-red-700" aria-label={t("removeSelector", { selector: selector.name || index + 1 })}>
          {t("remove")}
        </button>
      </div>
      <FieldNotes errors={errors} />
      <div className="grid gap-3 md:grid-cols-2">
        <KeyValueEditor
          label={t("namespaceLabels")}
          addLabel={t("addNamespaceLabels")}
          value={selector.namespaceSelector?.matchLabels}
          placeholder={{ key: "team", value: "batch" }}
          onChange={(m) => set({ namespaceSelector: withSelector(selector.namespaceSelector, m) })}
        />
        <KeyValueEditor
          label={t("podLabels")}
          addLabel={t("addPodLabels")}
          value={selector.objectSelector?.matchLabels}
          placeholder={{ key: "app", value: "job" }}
          onChange={(m) => set({ objectSelector: withSelector(selector.objectSelector, m) })}
        />
        <KeyValueEditor
          label={t("effectAnnotations")}
          addLabel={t("addEffectAnnotations")}
          value={selector.effect?.annotations}
          placeholder={{ key: "k8s.aliyun.com/eci-use-specs", value: "2-4Gi" }}
          onChange={(m) => setEffect("annotations", m)}
        />
        <KeyValueEditor
          label={t("effectLabels")}
          addLabel={t("addEffectLabels")}
          value={selector.effect?.labels}
          placeholder={{ key: "created-by-eci", value: "true" }}
          onChange={(m) => setEffect("labels", m)}
        />
      </div>
      {expressions > 0 && <p className="text-xs text-slate-600">{t("expressionsKept", { count: expressions })}</p>}
    </li>
  );
}
