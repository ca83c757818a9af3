"use client";

import type { KnownKey, ReadProblem } from "@/lib/eci-profile";

/**
 * Values in the cluster the form could not read. The form shows defaults for them but keeps the stored bytes unless
 * the user asks to replace them: a value the console does not understand is not silently rewritten.
 */
export function ReadProblems({ problems, forceKeys, onForce }: { problems: ReadProblem[]; forceKeys: KnownKey[]; onForce: (key: KnownKey) => void }) {
  if (problems.length === 0) return null;
  return (
    <ul role="alert" data-testid="read-problems" className="space-y-2 rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
      {problems.map((p) => (
        <li key={p.key} className="flex flex-wrap items-center gap-2">
          <span>{p.message}.</span>
          {forceKeys.includes(p.key) ? (
            <span className="font-medium">The form&apos;s value replaces it on save.</span>
          ) : (
            <button type="button" onClick={() => onForce(p.key)} className="rounded border border-amber-300 bg-white px-2 py-0.5">
              Replace it with the form&apos;s value when saving
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
