// zod schemas are shared by forms and server actions, so their messages are catalogue keys ("validation.…"),
// translated where they are shown, in the reader's language. Values zod knows (minimum, maximum, …) fill the message.
import type { z } from "zod";

export type ValidationKey = `validation.${string}`;

/** A schema message: the key of a catalogue entry under "validation". */
export const vmsg = (key: ValidationKey) => key;

export function isValidationKey(message: string): message is ValidationKey {
  return /^validation\.[A-Za-z0-9_.]+$/.test(message);
}

/** Any next-intl translator (useTranslations, getTranslations, createTranslator), whatever its namespace typing. */
export type AnyTranslate = ((key: never, values?: never) => string) & { has(key: never): boolean };

/** A value that is itself a message (e.g. an ID problem inside a field error), worded in the same language. */
type IssueValue = string | number | { key: string; values?: Record<string, IssueValue> };

function worded(value: IssueValue, t: AnyTranslate): string | number {
  if (typeof value !== "object") return value;
  const values: Record<string, string | number> = {};
  for (const [name, inner] of Object.entries(value.values ?? {})) values[name] = worded(inner, t);
  return t(value.key as never, values as never);
}

/**
 * One zod issue in the reader's language; a message that is not a catalogue key is shown as written. Values come
 * from zod's own fields (minimum, maximum, …) and from custom issues' `params.values`.
 */
export function issueText(issue: Pick<z.core.$ZodIssue, "message">, t: AnyTranslate): string {
  if (!isValidationKey(issue.message)) return issue.message;
  const key = issue.message as never;
  if (!t.has(key)) return issue.message;
  const values: Record<string, string | number> = {};
  for (const name of ["minimum", "maximum", "path", "received", "expected"]) {
    const value = (issue as Record<string, unknown>)[name];
    if (typeof value === "number" || typeof value === "string") values[name] = value;
    else if (typeof value === "bigint") values[name] = Number(value);
  }
  const custom = (issue as { params?: { values?: Record<string, IssueValue> } }).params?.values;
  for (const [name, value] of Object.entries(custom ?? {})) values[name] = worded(value, t);
  return t(key, values as never);
}
