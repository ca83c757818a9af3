"use client";

import { useTranslations } from "next-intl";

/** Errors (what must change before saving) and warnings (what to consider) for one place in the form. */
export function FieldNotes({ errors = [], warnings = [] }: { errors?: string[]; warnings?: string[] }) {
  const t = useTranslations("eciProfile.settings");
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-sm">
      {errors.map((m) => (
        <li key={`e-${m}`} role="alert" data-testid="field-error" className="text-red-700">
          {m}
        </li>
      ))}
      {warnings.map((m) => (
        <li key={`w-${m}`} data-testid="field-warning" className="text-amber-800">
          {t("warning", { message: m })}
        </li>
      ))}
    </ul>
  );
}
