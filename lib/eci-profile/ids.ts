// Alibaba Cloud resource ID formats used by eci-profile. IDs are "<prefix>-" plus lowercase letters and
// digits (e.g. vsw-2ze23nqzig8inprou0001). A precise message per mistake beats one generic regex error.
import { type AnyTranslate, ENGLISH, said, type Words, wordsText } from "./words";

export type IdKind = "vpc" | "vsw" | "sg" | "rg";

const ID_BODY = /^[a-z0-9]+$/;

/** Why `value` is not a well-formed ID of `kind` (the catalogue names the kind: "vSwitch ID"), or undefined when it is. */
export function idFormatWords(kind: IdKind, value: string): Words | undefined {
  const prefix = `${kind}-`;
  if (value.trim() === "") return said("validation.eciProfile.id.empty", { kind, prefix });
  if (value !== value.trim() || /\s/.test(value)) return said("validation.eciProfile.id.spaces", { kind, value });
  if (!value.toLowerCase().startsWith(prefix)) return said("validation.eciProfile.id.prefix", { kind, value, prefix });
  if (value !== value.toLowerCase()) return said("validation.eciProfile.id.lowercase", { kind, value, lower: value.toLowerCase() });
  if (!ID_BODY.test(value.slice(prefix.length))) return said("validation.eciProfile.id.body", { kind, value, prefix });
  return undefined;
}

/** idFormatWords, worded. */
export function idFormatProblem(kind: IdKind, value: string, t: AnyTranslate = ENGLISH): string | undefined {
  const words = idFormatWords(kind, value);
  return words && wordsText(words, t);
}
