"use client";

import { useTranslations } from "next-intl";
import type { KnownKey, ReadProblem } from "@/lib/eci-profile";

/**
 * Values in the cluster the form could not read. The form shows defaults for them but keeps the stored bytes unless
 * the user asks to replace them: a value the console does not understand is not silently rewritten.
 */
export function ReadProblems({ problems, forceKeys, onForce }: { problems: ReadProblem[]; forceKeys: KnownKey[]; onForce: (key: KnownKey) => void }) {
  const t = useTranslations("eciProfile.readProblems");
  if (problems.length === 0) return null;
  return (
    <ul role="alert" data-testid="read-problems" className="space-y-2 rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
      {problems.map((p) => (
        <li key={p.key} className="flex flex-wrap items-center gap-2">
          <span>{t("problem", { message: p.message })}</span>
          {forceKeys.includes(p.key) ? (
            <span className="font-medium">{t("willReplace")}</span>
          ) : (
            <button type="button" onClick={() => onForce(p.key)} className="rounded border border-amber-300 bg-white px-2 py-0.5">
              {t("replace")}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
