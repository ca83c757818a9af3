// The `selectors` key of eci-profile is a JSON array inside a string. A format error there makes the
// add-on ignore the whole change (it only records an Event), so the console checks it first and points
// at the exact place: line, column and a JSON path such as `[1].effect.labels`.
import type { z } from "zod";
import { formatJsonPath, lineColumn, parseLocatedJson, pathKey, type JsonPath, type JsonSpan } from "./json-locate";
import { matchesAllPods, selectorsSchema, type EciSelector } from "./schema";
import { type AnyTranslate, ENGLISH, schemaIssueText } from "./words";

export interface SelectorsProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 units. */
  column: number;
  offset: number;
  /** e.g. `[1].effect.labels`; "" for the whole list. */
  path: string;
  kind: "syntax" | "schema" | "warning";
}

export type SelectorsParseResult = { ok: true; selectors: EciSelector[]; warnings: SelectorsProblem[] } | { ok: false; errors: SelectorsProblem[]; warnings: SelectorsProblem[] };

/** Parses the `selectors` text. Empty or blank text means "no selectors", as in the add-on's template. `t` words the problems. */
export function parseSelectorsJson(text: string, t: AnyTranslate = ENGLISH): SelectorsParseResult {
  if (text.trim() === "") return { ok: true, selectors: [], warnings: [] };
  const located = parseLocatedJson(text, t);
  const at = (offset: number, path: JsonPath, message: string, kind: SelectorsProblem["kind"]): SelectorsProblem => ({
    message,
    ...lineColumn(text, offset),
    offset,
    path: formatJsonPath(path),
    kind,
  });
  if (!located.ok) return { ok: false, errors: located.problems.map((p) => at(p.offset, p.path, p.message, "syntax")), warnings: [] };

  const errors = located.problems.map((p) => at(p.offset, p.path, p.message, "syntax"));
  const result = selectorsSchema.safeParse(located.value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const { offset, path } = issueLocation(issue, located.spans);
      errors.push(at(offset, path, schemaIssueText(issue, t), "schema"));
    }
  }
  errors.sort((a, b) => a.offset - b.offset);
  if (errors.length > 0 || !result.success) return { ok: false, errors, warnings: [] };

  const warnings = result.data.flatMap((selector, i) => {
    if (!matchesAllPods(selector)) return [];
    const span = located.spans.get(pathKey([i]));
    return [at(span?.start ?? 0, [i], t("validation.eciProfile.selectorMatchesAll" as never, { name: selector.name } as never), "warning")];
  });
  return { ok: true, selectors: result.data, warnings };
}

/** Where to point for a zod issue: the offending key for key problems, otherwise the value, else the nearest parent that exists. */
function issueLocation(issue: z.core.$ZodIssue, spans: Map<string, JsonSpan>): { offset: number; path: JsonPath } {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys" && issue.keys.length > 0) {
    const keyPath = [...path, issue.keys[0]];
    const span = spans.get(pathKey(keyPath));
    if (span?.keyStart !== undefined) return { offset: span.keyStart, path: keyPath };
  }
  const pointsAtKey = issue.code === "custom" && (issue.params as { at?: string } | undefined)?.at === "key";
  for (let n = path.length; n >= 0; n--) {
    const span = spans.get(pathKey(path.slice(0, n)));
    if (span) return { offset: pointsAtKey && n === path.length && span.keyStart !== undefined ? span.keyStart : span.start, path };
  }
  return { offset: 0, path };
}

/** The add-on's string form: "" for no selectors, else indented JSON (readable in `kubectl edit`). */
export function formatSelectorsJson(selectors: readonly EciSelector[]): string {
  if (selectors.length === 0) return "";
  return JSON.stringify(selectors.map(orderSelectorFields), null, 2);
}

// Stable field order so a re-save of the same selectors produces the same text.
function orderSelectorFields(s: EciSelector): EciSelector {
  return {
    name: s.name,
    ...(s.namespaceSelector && { namespaceSelector: s.namespaceSelector }),
    ...(s.objectSelector && { objectSelector: s.objectSelector }),
    ...(s.effect && { effect: s.effect }),
  };
}
