// The eci-profile checks run in the browser (the form) and on the server (the save action, the CLI), so they hold
// no language: a message is a catalogue key under "validation.eciProfile" with its values, worded where it is shown
// with the reader's translator (English when none is given: tests, logs).
import type { z } from "zod";
import { translatorFor } from "@/lib/i18n/translator";
import { type AnyTranslate, issueText, type ValidationKey } from "@/lib/i18n/zod";

export type WordValue = string | number | Words;

/** A message before it is worded: its key and values (a value may itself be a message, e.g. an ID problem). */
export interface Words {
  key: ValidationKey;
  values?: Record<string, WordValue>;
}

export type { AnyTranslate };

export const ENGLISH = translatorFor("en") as unknown as AnyTranslate;

export const said = (key: ValidationKey, values?: Record<string, WordValue>): Words => ({ key, values });

export function wordsText(words: Words, t: AnyTranslate = ENGLISH): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(words.values ?? {})) values[name] = typeof value === "object" ? wordsText(value, t) : value;
  return t(words.key as never, values as never);
}

/** Custom issues carry their values here (zod keeps `params` on the issue). */
export const withValues = (values: Record<string, WordValue>, params?: Record<string, unknown>) => ({ ...params, values });

/**
 * In a zod error map: the message key, its values put on the issue. zod copies the issue's own fields after asking
 * the map for the message (test/unit/eci-profile-schema.test.ts checks that the values arrive).
 */
export function keyWith(iss: object, key: ValidationKey, values: Record<string, WordValue>): ValidationKey {
  const issue = iss as { params?: Record<string, unknown> };
  issue.params = withValues(values, issue.params);
  return key;
}

/** One issue of the eci-profile schemas in the reader's language (English when no translator is given). */
export function schemaIssueText(issue: Pick<z.core.$ZodIssue, "message">, t: AnyTranslate = ENGLISH): string {
  return issueText(issue, t);
}
