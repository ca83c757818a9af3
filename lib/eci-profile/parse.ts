// ConfigMap data <-> EciProfile. Reading is lenient (a bad value is reported, the rest still loads);
// writing changes only the keys whose meaning changed, so unknown keys and untouched known keys stay
// byte-for-byte as they were and a round trip of an unchanged profile gives identical data.
import { DEFAULTS, KNOWN_KEYS, isKnownKey, type EciProfile, type EciProfileFields, type KnownKey } from "./profile";
import { formatSelectorsJson, parseSelectorsJson, type SelectorsProblem } from "./selectors-json";
import { type AnyTranslate, ENGLISH } from "./words";

export interface ReadProblem {
  key: KnownKey;
  message: string;
  /** Positions inside the selectors text, when the problem is there. */
  selectors?: SelectorsProblem[];
}

export interface ParsedEciProfile {
  profile: EciProfile;
  /** Values that could not be read; the profile holds the default for those keys. */
  problems: ReadProblem[];
}

type FieldRead<K extends KnownKey> = { value: EciProfileFields[K]; problem?: ReadProblem };

/** Reads one known key's string value (undefined = key absent); `t` words its problem. */
export function readField<K extends KnownKey>(key: K, raw: string | undefined, t: AnyTranslate = ENGLISH): FieldRead<K> {
  const say = (name: string, values: Record<string, string | number>) => t(`validation.eciProfile.read.${name}` as never, values as never);
  const ok = (value: unknown) => ({ value: value as EciProfileFields[K] });
  if (raw === undefined) return ok(DEFAULTS[key]);
  switch (key) {
    case "vSwitchIds":
      return ok(splitList(raw));
    case "enableClusterIp":
    case "enableHybridMode":
    case "enablePrivateZone": {
      const v = raw.trim().toLowerCase();
      if (v === "true" || v === "false") return ok(v === "true");
      return { value: DEFAULTS[key], problem: { key, message: say("notBoolean", { key, raw, fallback: String(DEFAULTS[key]) }) } };
    }
    case "selectors": {
      const parsed = parseSelectorsJson(raw, t);
      if (parsed.ok) return ok(parsed.selectors);
      const first = parsed.errors[0];
      return {
        value: DEFAULTS.selectors as EciProfileFields[K],
        problem: {
          key,
          message: first.path
            ? say("selectorsInvalidAt", { line: first.line, column: first.column, path: first.path, problem: first.message })
            : say("selectorsInvalid", { line: first.line, column: first.column, problem: first.message }),
          selectors: parsed.errors,
        },
      };
    }
    default:
      return ok(raw);
  }
}

/** The string the add-on expects for a known key's value. */
export function formatField<K extends KnownKey>(key: K, value: EciProfileFields[K]): string {
  if (key === "vSwitchIds") return (value as string[]).join(",");
  if (key === "selectors") return formatSelectorsJson(value as EciProfileFields["selectors"]);
  return String(value);
}

/** "vsw-a, vsw-b," -> ["vsw-a", "vsw-b"]: trims spaces and drops empty entries, keeps order. */
export function splitList(raw: string): string[] {
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export function parseEciProfile(data: Readonly<Record<string, string>> | undefined, t: AnyTranslate = ENGLISH): ParsedEciProfile {
  const source = data ?? {};
  const problems: ReadProblem[] = [];
  const fields = {} as Record<KnownKey, unknown>;
  for (const key of KNOWN_KEYS) {
    const read = readField(key, source[key], t);
    fields[key] = read.value;
    if (read.problem) problems.push(read.problem);
  }
  const otherKeys: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (!isKnownKey(key)) otherKeys[key] = value;
  return { profile: { ...(fields as EciProfileFields), otherKeys }, problems };
}

export interface ToConfigMapDataOptions {
  /**
   * Known keys to write even when their meaning is unchanged. Needed when the stored value was
   * unreadable (e.g. broken selectors JSON) and the user deliberately saves the default in its place.
   */
  forceKeys?: readonly KnownKey[];
}

/**
 * The data to write: `originalData` with only the known keys whose value changed replaced by their new
 * string form. Unknown keys, and known keys whose meaning is unchanged (even if spelled differently,
 * e.g. "vsw-a, vsw-b" or "True"), keep their original bytes; absent keys stay absent unless changed.
 */
export function toConfigMapData(
  profile: EciProfileFields,
  originalData: Readonly<Record<string, string>> | undefined,
  options: ToConfigMapDataOptions = {},
): Record<string, string> {
  const result: Record<string, string> = { ...(originalData ?? {}) };
  for (const key of KNOWN_KEYS) {
    const before = readField(key, originalData?.[key]);
    const forced = options.forceKeys?.includes(key) ?? false;
    if (!forced && sameValue(before.value, profile[key])) continue;
    result[key] = formatField(key, profile[key]);
  }
  return result;
}

/** Structural equality that ignores object key order (label maps) but not array order (vSwitch priority). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}
