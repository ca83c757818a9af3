"use client";
// Rows of key = value for a label or annotation map. Rows are local state so that typing a key that is (for a
// moment) empty or equal to another row's key does not drop a row; the map is emitted without those rows.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { sameValue } from "@/lib/eci-profile";

type Row = { key: string; value: string };

const toRows = (map?: Record<string, string>): Row[] => Object.entries(map ?? {}).map(([key, value]) => ({ key, value }));
const toMap = (rows: Row[]) => Object.fromEntries(rows.filter((r) => r.key !== "").map((r) => [r.key, r.value]));

export function KeyValueEditor({
  label,
  addLabel,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  /** The add button's words ("Add namespace labels"). */
  addLabel: string;
  value?: Record<string, string>;
  /** undefined when no row is left, so an emptied map disappears from the JSON instead of staying as {}. */
  onChange: (map: Record<string, string> | undefined) => void;
  placeholder: { key: string; value: string };
}) {
  const t = useTranslations("eciProfile.keyValue");
  const [rows, setRows] = useState(() => toRows(value));
  // A change from outside (the cluster, a merge, the JSON editor) replaces the rows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: rows are compared, not followed
  useEffect(() => {
    if (!sameValue(toMap(rows), value ?? {})) setRows(toRows(value));
  }, [value]);

  const update = (next: Row[]) => {
    setRows(next);
    const map = toMap(next);
    onChange(Object.keys(map).length ? map : undefined);
  };
  const duplicates = new Set(rows.map((r) => r.key).filter((k, i, all) => k !== "" && all.indexOf(k) !== i));

  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-medium text-slate-600">{label}</legend>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows being typed have no identity but their place (keys may repeat mid-edit)
        <div key={i} className="flex items-center gap-1">
          <input
            aria-label={t("key", { label, position: i + 1 })}
            value={row.key}
            placeholder={placeholder.key}
            onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
            className="w-56 rounded border border-slate-300 px-2 py-0.5 font-mono text-sm"
          />
          <span aria-hidden="true">=</span>
          <input
            aria-label={t("value", { label, position: i + 1 })}
            value={row.value}
            placeholder={placeholder.value}
            onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
            className="w-48 rounded border border-slate-300 px-2 py-0.5 font-mono text-sm"
          />
          <button type="button" aria-label={t("remove", { label, row: row.key || i + 1 })} onClick={() => update(rows.filter((_, j) => j !== i))} className="px-1 text-red-700">
            ×
          </button>
          {duplicates.has(row.key) && (
            <span role="alert" className="text-xs text-red-700">
              {t("duplicate", { key: row.key })}
            </span>
          )}
        </div>
      ))}
      <button type="button" onClick={() => setRows([...rows, { key: "", value: "" }])} className="text-xs text-sky-700 underline">
        {addLabel}
      </button>
    </fieldset>
  );
}
