// Alibaba Cloud resource ID formats used by eci-profile. IDs are "<prefix>-" plus lowercase letters and
// digits (e.g. vsw-2ze23nqzig8inprou0001). A precise message per mistake beats one generic regex error.

export type IdKind = "vpc" | "vsw" | "sg" | "rg";

export const ID_LABELS: Record<IdKind, string> = {
  vpc: "VPC ID",
  vsw: "vSwitch ID",
  sg: "security group ID",
  rg: "resource group ID",
};

const ID_BODY = /^[a-z0-9]+$/;

/** Why `value` is not a well-formed ID of `kind`, or undefined when it is. */
export function idFormatProblem(kind: IdKind, value: string): string | undefined {
  const label = ID_LABELS[kind];
  const prefix = `${kind}-`;
  if (value.trim() === "") return `Enter a ${label} (it starts with "${prefix}")`;
  if (value !== value.trim() || /\s/.test(value)) return `Remove the spaces from ${label} "${value}"`;
  if (!value.toLowerCase().startsWith(prefix)) return `${capitalise(label)} "${value}" must start with "${prefix}"`;
  if (value !== value.toLowerCase()) return `${capitalise(label)} "${value}" must be lowercase: use "${value.toLowerCase()}"`;
  if (!ID_BODY.test(value.slice(prefix.length))) return `${capitalise(label)} "${value}" may contain only lowercase letters and digits after "${prefix}"`;
  return undefined;
}

// "vSwitch" keeps its lowercase v even at the start of a sentence, as Alibaba Cloud writes it.
const capitalise = (s: string) => (s.startsWith("vSwitch") ? s : s.charAt(0).toUpperCase() + s.slice(1));
