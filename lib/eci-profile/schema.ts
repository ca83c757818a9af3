// zod schemas for the eci-profile form, shared by the browser form and the server action.
// Selector format follows the add-on's documented `selectors` JSON (eci-profile "selectors" in ack-virtual-node's docs):
// [{ name, namespaceSelector?, objectSelector?, effect?: { annotations?, labels? } }].
// Every message says what to change, because the form shows them verbatim: each is a catalogue key under
// "validation.eciProfile", its values on the issue (words.ts), worded with schemaIssueText.
import { z } from "zod";
import { vmsg } from "@/lib/i18n/zod";
import { idFormatWords, type IdKind } from "./ids";
import { labelValueProblem, qualifiedNameProblem } from "./k8s-labels";
import { keyWith, said, type WordValue, withValues } from "./words";

/** eci-profile documents "same VPC, ≤10" vSwitches. */
export const MAX_VSWITCHES = 10;

const show = (v: unknown): WordValue => (v === undefined ? said("validation.eciProfile.nothing") : JSON.stringify(v));

function idSchema(kind: IdKind) {
  return z.string({ error: (iss) => keyWith(iss, "validation.eciProfile.idType", { kind, got: show(iss.input) }) }).superRefine((value, ctx) => {
    const problem = idFormatWords(kind, value);
    if (problem) ctx.addIssue({ code: "custom", message: problem.key, params: withValues(problem.values ?? {}), input: value });
  });
}

export const vpcIdSchema = idSchema("vpc");
export const vSwitchIdSchema = idSchema("vsw");

export const securityGroupIdSchema = z.string({ error: (iss) => keyWith(iss, "validation.eciProfile.securityGroupType", { got: show(iss.input) }) }).superRefine((value, ctx) => {
  // eci-profile takes exactly one security group; pods needing more use the eci-security-group annotation.
  const problem = value.includes(",")
    ? said("validation.eciProfile.oneSecurityGroup", {
        groups: value
          .split(",")
          .map((s) => `"${s.trim()}"`)
          .join(", "),
      })
    : idFormatWords("sg", value);
  if (problem) ctx.addIssue({ code: "custom", message: problem.key, params: withValues(problem.values ?? {}), input: value });
});

/** "" means the account's default resource group. */
export const resourceGroupIdSchema = z.string({ error: (iss) => keyWith(iss, "validation.eciProfile.resourceGroupType", { got: show(iss.input) }) }).superRefine((value, ctx) => {
  if (value === "") return;
  const problem = idFormatWords("rg", value);
  if (problem) ctx.addIssue({ code: "custom", message: "validation.eciProfile.resourceGroupOrEmpty", params: withValues({ problem }), input: value });
});

export const vSwitchIdsSchema = z
  .array(vSwitchIdSchema, { error: vmsg("validation.eciProfile.vSwitchIdsType") })
  .min(1, { error: vmsg("validation.eciProfile.vSwitchIdsMin") })
  .max(MAX_VSWITCHES, { error: (iss) => keyWith(iss, "validation.eciProfile.vSwitchIdsMax", { max: MAX_VSWITCHES, extra: (iss.input as unknown[]).length - MAX_VSWITCHES }) })
  .superRefine((ids, ctx) => {
    const firstAt = new Map<string, number>();
    ids.forEach((id, i) => {
      const first = firstAt.get(id);
      if (first === undefined) firstAt.set(id, i);
      else ctx.addIssue({ code: "custom", path: [i], message: "validation.eciProfile.vSwitchDuplicate", params: withValues({ id, position: first + 1 }), input: id });
    });
  });

const booleanSchema = (key: string) => z.boolean({ error: (iss) => keyWith(iss, "validation.eciProfile.booleanType", { key, got: show(iss.input) }) });

// ---- selectors ------------------------------------------------------------------------------------

/** Issues that concern a map key (not its value) carry this, so JSON errors point at the key itself. */
export const AT_KEY = { at: "key" } as const;

function stringMapSchema(what: "label" | "annotation", owner: string) {
  return z
    .record(z.string(), z.string({ error: (iss) => keyWith(iss, "validation.eciProfile.mapValueType", { what, owner, got: show(String(iss.input)) }) }), {
      error: (iss) => keyWith(iss, "validation.eciProfile.mapType", { owner, example: '{"key": "value"}', got: show(iss.input) }),
    })
    .superRefine((map, ctx) => {
      for (const [key, value] of Object.entries(map)) {
        const keyProblem = qualifiedNameProblem(key);
        if (keyProblem)
          ctx.addIssue({ code: "custom", path: [key], message: "validation.eciProfile.mapKey", params: withValues({ what, owner, problem: keyProblem }, AT_KEY), input: key });
        if (what === "label" && typeof value === "string") {
          const valueProblem = labelValueProblem(value);
          if (valueProblem)
            ctx.addIssue({ code: "custom", path: [key], message: "validation.eciProfile.mapLabelValue", params: withValues({ owner, problem: valueProblem }), input: value });
        }
      }
    });
}

const unknownField = (allowed: string[]) => (iss: { code?: string; keys?: string[] }) =>
  iss.code === "unrecognized_keys"
    ? keyWith(iss, "validation.eciProfile.unknownField", { fields: iss.keys!.map((k) => `"${k}"`).join(", "), allowed: allowed.map((k) => `"${k}"`).join(", ") })
    : undefined;

const OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"] as const;

// The docs only show matchLabels, but namespaceSelector/objectSelector end up as Kubernetes
// LabelSelectors in the vk-webhook, so matchExpressions is accepted with the LabelSelector rules.
const matchExpressionSchema = z
  .strictObject(
    {
      key: z.string({ error: vmsg("validation.eciProfile.expressionKeyMissing") }).superRefine((key, ctx) => {
        const problem = qualifiedNameProblem(key);
        if (problem) ctx.addIssue({ code: "custom", message: "validation.eciProfile.expressionKey", params: withValues({ problem }), input: key });
      }),
      operator: z.enum(OPERATORS, { error: (iss) => keyWith(iss, "validation.eciProfile.operatorType", { operators: OPERATORS.join(", "), got: show(iss.input) }) }),
      values: z.array(z.string({ error: vmsg("validation.eciProfile.valuesStrings") }), { error: vmsg("validation.eciProfile.valuesList") }).optional(),
    },
    { error: unknownField(["key", "operator", "values"]) },
  )
  .superRefine((expr, ctx) => {
    const count = expr.values?.length ?? 0;
    if ((expr.operator === "In" || expr.operator === "NotIn") && count === 0)
      ctx.addIssue({ code: "custom", path: ["values"], message: "validation.eciProfile.operatorNeedsValues", params: withValues({ operator: expr.operator }) });
    if ((expr.operator === "Exists" || expr.operator === "DoesNotExist") && count > 0)
      ctx.addIssue({ code: "custom", path: ["values"], message: "validation.eciProfile.operatorTakesNoValues", params: withValues({ operator: expr.operator }) });
  });

function labelSelectorSchema(owner: "namespaceSelector" | "objectSelector") {
  return z.strictObject(
    {
      matchLabels: stringMapSchema("label", `${owner}.matchLabels`).optional(),
      matchExpressions: z.array(matchExpressionSchema, { error: (iss) => keyWith(iss, "validation.eciProfile.expressionsList", { owner }) }).optional(),
    },
    {
      error: (iss) =>
        unknownField(["matchLabels", "matchExpressions"])(iss) ?? keyWith(iss, "validation.eciProfile.labelSelectorType", { owner, example: '{"matchLabels": {"eci": "true"}}' }),
    },
  );
}

export const labelSelectorOf = { namespace: labelSelectorSchema("namespaceSelector"), object: labelSelectorSchema("objectSelector") };

export const selectorEffectSchema = z.strictObject(
  { annotations: stringMapSchema("annotation", "effect.annotations").optional(), labels: stringMapSchema("label", "effect.labels").optional() },
  { error: (iss) => unknownField(["annotations", "labels"])(iss) ?? keyWith(iss, "validation.eciProfile.effectType", { example: '{"labels": {"created-by-eci": "true"}}' }) },
);

export const selectorSchema = z.strictObject(
  {
    name: z
      .string({
        error: (iss) => (iss.input === undefined ? vmsg("validation.eciProfile.nameMissing") : keyWith(iss, "validation.eciProfile.nameType", { got: show(iss.input) })),
      })
      .refine((name) => name.trim() !== "", { error: vmsg("validation.eciProfile.nameEmpty") }),
    namespaceSelector: labelSelectorOf.namespace.optional(),
    objectSelector: labelSelectorOf.object.optional(),
    effect: selectorEffectSchema.optional(),
  },
  {
    error: (iss) => unknownField(["name", "namespaceSelector", "objectSelector", "effect"])(iss) ?? keyWith(iss, "validation.eciProfile.selectorType", { got: show(iss.input) }),
  },
);

export const selectorsSchema = z
  .array(selectorSchema, { error: (iss) => keyWith(iss, "validation.eciProfile.selectorsType", { got: show(iss.input) }) })
  .superRefine((selectors, ctx) => {
    const firstAt = new Map<string, number>();
    selectors.forEach((s, i) => {
      const first = firstAt.get(s.name);
      if (first === undefined) firstAt.set(s.name, i);
      else ctx.addIssue({ code: "custom", path: [i, "name"], message: "validation.eciProfile.nameDuplicate", params: withValues({ name: s.name, position: first + 1 }) });
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
