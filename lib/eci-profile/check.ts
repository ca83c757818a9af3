// The checks the eci-profile form and the save action share: the zod schema for format, then the VPC's real
// vSwitches and security groups when they are known. One function, so the browser and the server never disagree.
import { eciProfileFormSchema } from "./schema";
import { validateAgainstVpc, type CloudFacts } from "./validate-against-vpc";
import type { EciProfileFields } from "./profile";
import { type AnyTranslate, ENGLISH, schemaIssueText } from "./words";

/** A message for one place in the form: `field` is a key ("vpcId") or a path ("vSwitchIds.2", "selectors.0.name"). */
export interface FieldMessage {
  field: string;
  message: string;
}

export interface FormFindings {
  errors: FieldMessage[];
  warnings: FieldMessage[];
}

const fieldOf = (path: readonly PropertyKey[]) => path.filter((p) => typeof p !== "symbol").join(".");

/**
 * Format checks always; cloud checks when the facts are known (no credentials: format checks only). Messages are
 * worded with `t`: the form's translator in the browser, the caller's on the server.
 */
export function checkProfile(fields: EciProfileFields, facts?: CloudFacts, t: AnyTranslate = ENGLISH): FormFindings {
  const parsed = eciProfileFormSchema.safeParse(fields);
  const errors: FieldMessage[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: fieldOf(i.path), message: schemaIssueText(i, t) }));
  const warnings: FieldMessage[] = [];
  if (facts) {
    const vpc = validateAgainstVpc(fields, facts, t);
    const place = (f: { field: string; index?: number }) => (f.index === undefined ? f.field : `${f.field}.${f.index}`);
    // A format error already says what to fix for that place; a second "not found" there would only add noise.
    const taken = new Set(errors.map((e) => e.field));
    for (const f of vpc.errors) if (!taken.has(place(f))) errors.push({ field: place(f), message: f.message });
    for (const f of vpc.warnings) warnings.push({ field: place(f), message: f.message });
  }
  return { errors, warnings };
}

/** Messages for exactly this place, e.g. "vSwitchIds" (not "vSwitchIds.1"). */
export const messagesAt = (list: readonly FieldMessage[], field: string) => list.filter((m) => m.field === field).map((m) => m.message);

/** Messages for this place and everything below it ("selectors" → "selectors.0.name", …). */
export const messagesUnder = (list: readonly FieldMessage[], field: string) => list.filter((m) => m.field === field || m.field.startsWith(`${field}.`));
