"use client";

import { useTranslations } from "next-intl";
import type { KeyChange } from "@/lib/eci-profile";
const LINE_STYLE = { same: "text-slate-600", removed: "bg-red-50 text-red-800", added: "bg-emerald-50 text-emerald-800" } as const;
const LINE_MARK = { same: " ", removed: "-", added: "+" } as const;

/** Per-key line diff of ConfigMap data, as `kubectl diff` would show the values. */
export function ConfigMapDiff({ changes, testId }: { changes: KeyChange[]; testId?: string }) {
  const t = useTranslations("eciProfile.diff");
  if (changes.length === 0) return <p className="text-sm text-slate-600">{t("noChange")}</p>;
  return (
    <ul className="space-y-2" data-testid={testId}>
      {changes.map((change) => (
        <li key={change.key} data-key={change.key} className="rounded border border-slate-200">
          <p className="border-b border-slate-100 bg-slate-50 px-2 py-1 text-xs">
            <code className="font-semibold">{change.key}</code> <span className="text-slate-500">{t("kind", { kind: change.kind })}</span>
          </p>
          <pre className="max-h-48 overflow-auto text-xs leading-5">
            {change.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a diff: their order is their identity
              <div key={i} className={`px-2 ${LINE_STYLE[line.op]}`}>
                <span aria-hidden="true">{LINE_MARK[line.op]} </span>
                <span className="sr-only">{line.op === "same" ? "" : t("lineOp", { op: line.op })}</span>
                {line.text || " "}
              </div>
            ))}
          </pre>
        </li>
      ))}
    </ul>
  );
}
