import { useTranslations } from "next-intl";
import { PREREQUISITE_LABEL, type PrerequisiteCheck } from "@/lib/prerequisites";

const ICON = { ok: "✓", fail: "✗", unknown: "?" } as const;
const TONE = { ok: "text-emerald-700", fail: "text-red-700", unknown: "text-slate-500" } as const;

export function PrerequisiteList({ checks }: { checks: PrerequisiteCheck[] }) {
  const t = useTranslations("clusters.prerequisites");
  return (
    <details className="text-sm" open={checks.some((c) => c.status === "fail")}>
      <summary className="cursor-pointer text-slate-700">{t("summary", { met: checks.filter((c) => c.status === "ok").length, total: checks.length })}</summary>
      <ul className="mt-2 space-y-1" aria-label={t("title")}>
        {checks.map((check) => (
          <li key={check.id} data-testid={`prereq-${check.id}`} data-status={check.status} className="flex gap-2">
            <span aria-hidden className={`w-4 font-bold ${TONE[check.status]}`}>
              {ICON[check.status]}
            </span>
            <span>
              <span className="font-medium">{t(`label.${PREREQUISITE_LABEL[check.id]}`)}</span>
              <span className="sr-only">{t("status", { status: check.status })}</span> —{" "}
              <span className="text-slate-600">{t(`explain.${check.explanation.key}`, check.explanation.values)}</span>
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
