// zod schemas for the eci-profile form, shared by the browser form and the server action.
// Selector format follows the add-on's documented `selectors` JSON (eci-profile "selectors" in ack-virtual-node's docs):
// [{ name, namespaceSelector?, objectSelector?, effect?: { annotations?, labels? } }].
// Every message says what to change, because the form shows them verbatim.
import { z } from "zod";
import { idFormatProblem, type IdKind } from "./ids";
import { labelValueProblem, qualifiedNameProblem } from "./k8s-labels";

/** eci-profile documents "same VPC, ≤10" vSwitches. */
export const MAX_VSWITCHES = 10;

const show = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));

function idSchema(kind: IdKind) {
  return z.string({ error: (iss) => `Expected a text ID starting with "${kind}-", got ${show(iss.input)}` }).superRefine((value, ctx) => {
    const problem = idFormatProblem(kind, value);
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
  });
}

export const vpcIdSchema = idSchema("vpc");
export const vSwitchIdSchema = idSchema("vsw");

export const securityGroupIdSchema = z.string({ error: (iss) => `Expected one security group ID starting with "sg-", got ${show(iss.input)}` }).superRefine((value, ctx) => {
  // eci-profile takes exactly one security group; pods needing more use the eci-security-group annotation.
  const problem = value.includes(",")
    ? `eci-profile supports only one security group; keep one of ${value
        .split(",")
        .map((s) => `"${s.trim()}"`)
        .join(", ")}`
    : idFormatProblem("sg", value);
  if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
});

/** "" means the account's default resource group. */
export const resourceGroupIdSchema = z
  .string({ error: (iss) => `Expected a resource group ID starting with "rg-" (or empty), got ${show(iss.input)}` })
  .superRefine((value, ctx) => {
    if (value === "") return;
    const problem = idFormatProblem("rg", value);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem}, or leave it empty for the default resource group`, input: value });
  });

export const vSwitchIdsSchema = z
  .array(vSwitchIdSchema, { error: "vSwitchIds must be a list of vSwitch IDs" })
  .min(1, { error: "Pick at least one vSwitch: ECI pods take their IP addresses from it" })
  .max(MAX_VSWITCHES, { error: (iss) => `At most ${MAX_VSWITCHES} vSwitches are allowed; remove ${(iss.input as unknown[]).length - MAX_VSWITCHES}` })
  .superRefine((ids, ctx) => {
    const firstAt = new Map<string, number>();
    ids.forEach((id, i) => {
      const first = firstAt.get(id);
      if (first === undefined) firstAt.set(id, i);
      else ctx.addIssue({ code: "custom", path: [i], message: `vSwitch "${id}" is already listed at position ${first + 1}; remove the duplicate`, input: id });
    });
  });

const booleanSchema = (key: string) => z.boolean({ error: (iss) => `${key} must be on or off (true/false), got ${show(iss.input)}` });

// ---- selectors ------------------------------------------------------------------------------------

/** Issues that concern a map key (not its value) carry this, so JSON errors point at the key itself. */
export const AT_KEY = { at: "key" } as const;

function stringMapSchema(what: "label" | "annotation", owner: string) {
  return z
    .record(z.string(), z.string({ error: (iss) => `${what} values in ${owner} must be strings: write ${show(String(iss.input))} with quotes` }), {
      error: (iss) => `${owner} must be an object like {"key": "value"}, got ${show(iss.input)}`,
    })
    .superRefine((map, ctx) => {
      for (const [key, value] of Object.entries(map)) {
        const keyProblem = qualifiedNameProblem(key);
        if (keyProblem) ctx.addIssue({ code: "custom", path: [key], message: `Invalid ${what} key in ${owner}: ${keyProblem}`, params: AT_KEY, input: key });
        if (what === "label" && typeof value === "string") {
          const valueProblem = labelValueProblem(value);
          if (valueProblem) ctx.addIssue({ code: "custom", path: [key], message: `Invalid label value in ${owner}: ${valueProblem}`, input: value });
        }
      }
    });
}

const unknownField = (allowed: string[]) => (iss: { code?: string; keys?: string[] }) =>
  iss.code === "unrecognized_keys" ? `Unknown field ${iss.keys!.map((k) => `"${k}"`).join(", ")}; allowed fields are ${allowed.map((k) => `"${k}"`).join(", ")}` : undefined;

const OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"] as const;

// The docs only show matchLabels, but namespaceSelector/objectSelector end up as Kubernetes
// LabelSelectors in the vk-webhook, so matchExpressions is accepted with the LabelSelector rules.
const matchExpressionSchema = z
  .strictObject(
    {
      key: z.string({ error: 'Each match expression needs a "key"' }).superRefine((key, ctx) => {
        const problem = qualifiedNameProblem(key);
        if (problem) ctx.addIssue({ code: "custom", message: `Invalid match expression key: ${problem}`, input: key });
      }),
      operator: z.enum(OPERATORS, { error: (iss) => `operator must be one of ${OPERATORS.join(", ")}, got ${show(iss.input)}` }),
      values: z.array(z.string({ error: "values must be strings" }), { error: "values must be a list of strings" }).optional(),
    },
    { error: unknownField(["key", "operator", "values"]) },
  )
  .superRefine((expr, ctx) => {
    const count = expr.values?.length ?? 0;
    if ((expr.operator === "In" || expr.operator === "NotIn") && count === 0)
      ctx.addIssue({ code: "custom", path: ["values"], message: `operator ${expr.operator} needs at least one value in "values"` });
    if ((expr.operator === "Exists" || expr.operator === "DoesNotExist") && count > 0)
      ctx.addIssue({ code: "custom", path: ["values"], message: `operator ${expr.operator} takes no values; remove "values"` });
  });

function labelSelectorSchema(owner: "namespaceSelector" | "objectSelector") {
  return z.strictObject(
    {
      matchLabels: stringMapSchema("label", `${owner}.matchLabels`).optional(),
      matchExpressions: z.array(matchExpressionSchema, { error: `${owner}.matchExpressions must be a list` }).optional(),
    },
    { error: (iss) => unknownField(["matchLabels", "matchExpressions"])(iss) ?? `${owner} must be an object like {"matchLabels": {"eci": "true"}}` },
  );
}

export const labelSelectorOf = { namespace: labelSelectorSchema("namespaceSelector"), object: labelSelectorSchema("objectSelector") };

export const selectorEffectSchema = z.strictObject(
  { annotations: stringMapSchema("annotation", "effect.annotations").optional(), labels: stringMapSchema("label", "effect.labels").optional() },
  { error: (iss) => unknownField(["annotations", "labels"])(iss) ?? 'effect must be an object like {"labels": {"created-by-eci": "true"}}' },
);

export const selectorSchema = z.strictObject(
  {
    name: z
      .string({ error: (iss) => (iss.input === undefined ? 'Add a "name" to this selector; every selector needs a unique name' : `name must be text, got ${show(iss.input)}`) })
      .refine((name) => name.trim() !== "", { error: 'The selector name is empty; give it a name such as "batch-jobs"' }),
    namespaceSelector: labelSelectorOf.namespace.optional(),
    objectSelector: labelSelectorOf.object.optional(),
    effect: selectorEffectSchema.optional(),
  },
  { error: (iss) => unknownField(["name", "namespaceSelector", "objectSelector", "effect"])(iss) ?? `Each selector must be an object with a "name", got ${show(iss.input)}` },
);

export const selectorsSchema = z
  .array(selectorSchema, { error: (iss) => `selectors must be a JSON list [ ... ] of selector objects, got ${show(iss.input)}` })
  .superRefine((selectors, ctx) => {
    const firstAt = new Map<string, number>();
    selectors.forEach((s, i) => {
      const first = firstAt.get(s.name);
      if (first === undefined) firstAt.set(s.name, i);
      else ctx.addIssue({ code: "custom", path: [i, "name"], message: `Selector name "${s.name}" is already used by selector ${first + 1}; names must be unique` });
    });
  });

export type LabelSelector = z.infer<typeof labelSelectorOf.namespace>;
export type SelectorEffect = z.infer<typeof selectorEffectSchema>;
export type EciSelector = z.infer<typeof selectorSchema>;

// ---- the whole form --------------------------------------------------------------------------------

export const eciProfileFormSchema = z.object({
  vpcId: vpcIdSchema,
  vSwitchIds: vSwitchIdsSchema,
  securityGroupId: securityGroupIdSchema,
  resourceGroupId: resourceGroupIdSchema,
  enableClusterIp: booleanSchema("enableClusterIp"),
  enableHybridMode: booleanSchema("enableHybridMode"),
  enablePrivateZone: booleanSchema("enablePrivateZone"),
  selectors: selectorsSchema,
});

/** The eci-profile keys the form edits, typed. */
export type EciProfileFields = z.infer<typeof eciProfileFormSchema>;

/** A selector that matches every pod: neither selector given, or only empty ones. */
export function matchesAllPods(selector: EciSelector): boolean {
  const empty = (s?: LabelSelector) => !s || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0);
  return empty(selector.namespaceSelector) && empty(selector.objectSelector);
}
