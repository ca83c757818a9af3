// Reads ConfigMap kube-system/eci-profile (§1.4): the network of ECI pods and the ECI Scheduler selectors (§3.2).
import { z } from "zod";

const matchLabels = z.object({ matchLabels: z.record(z.string(), z.string()) }).strict();
const selectorSchema = z
  .object({
    name: z.string().min(1),
    namespaceSelector: matchLabels.optional(),
    objectSelector: matchLabels.optional(),
    effect: z
      .object({ annotations: z.record(z.string(), z.string()).optional(), labels: z.record(z.string(), z.string()).optional() })
      .strict()
      .optional(),
  })
  .strict();

export type EciSelector = z.infer<typeof selectorSchema>;

export interface EciProfile {
  vpcId: string;
  vSwitchIds: string[];
  securityGroupId: string;
  resourceGroupId: string;
  selectors: EciSelector[];
}

/** A profile with a format error does not take effect (S-prof, ACS variant); the reason goes into an Event. */
export class EciProfileError extends Error {}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function parseEciProfile(data: Record<string, string> | undefined): EciProfile {
  if (!data) throw new EciProfileError("ConfigMap kube-system/eci-profile has no data");
  // Older docs spelled the key `vswitchIds` (S-prof21); both are read, the current spelling wins.
  const vSwitchIds = list(data.vSwitchIds ?? data.vswitchIds);
  if (vSwitchIds.length === 0) throw new EciProfileError("vSwitchIds is empty: at least one vSwitch is required");
  if (vSwitchIds.length > 10) throw new EciProfileError(`vSwitchIds lists ${vSwitchIds.length} vSwitches; at most 10 are allowed`);
  const securityGroupId = (data.securityGroupId ?? "").trim();
  if (!securityGroupId) throw new EciProfileError("securityGroupId is empty");
  if (securityGroupId.includes(",")) throw new EciProfileError("securityGroupId: only one security group ID is supported");
  return { vpcId: (data.vpcId ?? "").trim(), vSwitchIds, securityGroupId, resourceGroupId: (data.resourceGroupId ?? "").trim(), selectors: parseSelectors(data.selectors) };
}

export function parseSelectors(text: string | undefined): EciSelector[] {
  if (!text?.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EciProfileError(`selectors is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = z.array(selectorSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EciProfileError(`selectors${issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: ${issue.message}`);
  }
  const names = new Set<string>();
  for (const s of parsed.data) {
    if (names.has(s.name)) throw new EciProfileError(`selectors: the name "${s.name}" is used twice; names must be unique`);
    names.add(s.name);
  }
  return parsed.data;
}
