// A small JSON parser that remembers where every value (and object key) starts, so errors in the
// `selectors` text can be shown at an exact line and column. JSON.parse gives neither positions
// that are stable across Node versions nor any position for schema errors found later.
import { type AnyTranslate, ENGLISH } from "./words";

export type JsonPath = Array<string | number>;

export interface JsonSpan {
  /** Offset of the value's first character. */
  start: number;
  /** Offset just past the value's last character. */
  end: number;
  /** Offset of the key's opening quote, for object members. */
  keyStart?: number;
}

export interface JsonSyntaxProblem {
  message: string;
  offset: number;
  path: JsonPath;
}

export type LocatedJson = { ok: true; value: unknown; spans: Map<string, JsonSpan>; problems: JsonSyntaxProblem[] } | { ok: false; problems: JsonSyntaxProblem[] };

/** Map key for a path, used by `spans`. */
export const pathKey = (path: JsonPath) => JSON.stringify(path);

/** `[1].effect.labels`, `[0].effect.annotations["k8s.aliyun.com/eci-use-specs"]`. */
export function formatJsonPath(path: JsonPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `${i === 0 ? "" : "."}${p}` : `[${JSON.stringify(p)}]`)).join("");
}

/** 1-based line and column (UTF-16 units, like browser text areas) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Fail extends Error {
  constructor(readonly problem: JsonSyntaxProblem) {
    super(problem.message);
  }
}

/** Parses `text` as one JSON value, collecting spans; duplicate object keys are reported but kept (last wins, as in Go). `t` words the problems. */
export function parseLocatedJson(text: string, t: AnyTranslate = ENGLISH): LocatedJson {
  const spans = new Map<string, JsonSpan>();
  const problems: JsonSyntaxProblem[] = [];
  let i = 0;
  const say = (key: string, values?: Record<string, string | number>) => t(`validation.eciProfile.json.${key}` as never, values as never);
  const describeChar = (c: string | undefined) => (c === undefined ? say("endOfText") : c === "\n" ? say("lineBreak") : `"${c}"`);

  function fail(message: string, path: JsonPath, offset = i): never {
    throw new Fail({ message, offset, path: [...path] });
  }
  const skipSpace = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };

  function parseValue(path: JsonPath, keyStart?: number): unknown {
    skipSpace();
    const start = i;
    const c = text[i];
    let value: unknown;
    if (c === "{") value = parseObject(path);
    else if (c === "[") value = parseArray(path);
    else if (c === '"') value = parseString(path);
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) value = parseNumber(path);
    else if (text.startsWith("true", i)) value = literal("true", true);
    else if (text.startsWith("false", i)) value = literal("false", false);
    else if (text.startsWith("null", i)) value = literal("null", null);
    else if (c === "'") fail(say("singleQuotes"), path);
    else if (c === undefined) fail(say("endsBeforeValue"), path);
    else fail(say("expectedValue", { found: describeChar(c) }), path);
    spans.set(pathKey(path), { start, end: i, keyStart });
    return value;
  }

  /** Steps over a closing bracket or quote and returns the finished value. */
  function close<T>(value: T): T {
    i++;
    return value;
  }

  function literal<T>(word: string, value: T): T {
    i += word.length;
    return value;
  }

  function parseObject(path: JsonPath): Record<string, unknown> {
    const open = i++;
    const result: Record<string, unknown> = {};
    skipSpace();
    if (text[i] === "}") return close(result);
    for (;;) {
      skipSpace();
      const keyStart = i;
      if (text[i] === "}") fail(say("trailingCommaObject"), path, findTrailingComma(keyStart));
      if (text[i] === "'") fail(say("singleQuotedKey"), path);
      if (text[i] !== '"') fail(text[i] === undefined ? say("endsInObjectOpenedAt", { offset: open }) : say("unquotedKey", { found: describeChar(text[i]) }), path);
      const key = parseString(path);
      if (Object.hasOwn(result, key)) problems.push({ message: say("duplicateKey", { key }), offset: keyStart, path: [...path, key] });
      skipSpace();
      if (text[i] !== ":") fail(say("expectedColon", { key, found: describeChar(text[i]) }), [...path, key]);
      i++;
      result[key] = parseValue([...path, key], keyStart);
      skipSpace();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") return close(result);
      fail(text[i] === undefined ? say("endsInObject") : say("expectedCommaOrBrace", { key, found: describeChar(text[i]) }), path);
    }
  }

  function parseArray(path: JsonPath): unknown[] {
    i++;
    const result: unknown[] = [];
    skipSpace();
    if (text[i] === "]") return close(result);
    for (;;) {
      skipSpace();
      if (text[i] === "]") fail(say("trailingCommaList"), path, findTrailingComma(i));
      result.push(parseValue([...path, result.length]));
      skipSpace();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") return close(result);
      fail(text[i] === undefined ? say("endsInList") : say("expectedCommaOrBracket", { item: result.length, found: describeChar(text[i]) }), path);
    }
  }

  function findTrailingComma(before: number): number {
    let j = before - 1;
    while (j >= 0 && text[j] !== ",") j--;
    return Math.max(j, 0);
  }

  function parseString(path: JsonPath): string {
    const open = i++;
    let out = "";
    for (;;) {
      const c = text[i];
      if (c === undefined) fail(say("endsInString"), path, open);
      if (c === '"') return close(out);
      if (c === "\n") fail(say("lineBreakInString"), path);
      if (c < " ") fail(say("controlCharacter"), path);
      if (c !== "\\") {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e !== undefined && e in simple) {
        out += simple[e];
        i += 2;
      } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else fail(say("invalidEscape", { escape: e ?? "" }), path);
    }
  }

  function parseNumber(path: JsonPath): number {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail(say("invalidNumber", { found: describeChar(text[i]) }), path);
    i += m[0].length;
    return Number(m[0]);
  }

  try {
    const value = parseValue([]);
    skipSpace();
    if (i < text.length) fail(say("afterEnd", { found: describeChar(text[i]) }), []);
    return { ok: true, value, spans, problems };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, problems: [...problems, e.problem] };
    throw e;
  }
}
