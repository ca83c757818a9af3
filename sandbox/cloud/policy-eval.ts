// RAM policy documents: validation (MalformedPolicyDocument) and evaluation (Deny wins over Allow,
// otherwise implicit deny). Action and Resource support the * and ? wildcards.
import { z } from "zod";

const strOrList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const statementSchema = z
  .object({
    Effect: z.enum(["Allow", "Deny"]),
    Action: strOrList.optional(),
    NotAction: strOrList.optional(),
    Resource: strOrList.optional(),
    NotResource: strOrList.optional(),
    Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    Principal: z.unknown().optional(),
    Sid: z.string().optional(),
  })
  .strict()
  .refine((s) => (s.Action === undefined) !== (s.NotAction === undefined), "exactly one of Action and NotAction is required")
  .refine((s) => (s.Resource === undefined) !== (s.NotResource === undefined), "exactly one of Resource and NotResource is required");
const documentSchema = z.object({ Version: z.literal("1"), Statement: z.array(statementSchema).min(1) }).strict();

export type PolicyDocument = z.infer<typeof documentSchema>;

/** Returns the parsed document, or an error message suitable for MalformedPolicyDocument. */
export function parsePolicyDocument(text: string): { ok: true; doc: PolicyDocument } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `The policy document is not valid JSON: ${(e as Error).message}` };
  }
  const r = documentSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, message: `The policy document is malformed: ${issue.path.join(".") || "(root)"}: ${issue.message}` };
  }
  return { ok: true, doc: r.data };
}

function toList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

const patternCache = new Map<string, RegExp>();
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const key = `${ignoreCase ? "i" : "s"}:${pattern}`;
  let re = patternCache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
    patternCache.set(key, re);
  }
  return re.test(value);
}

function statementMatches(s: PolicyDocument["Statement"][number], action: string, resource: string): boolean {
  const actionHit = s.Action !== undefined ? toList(s.Action).some((p) => wildcardMatch(p, action, true)) : !toList(s.NotAction).some((p) => wildcardMatch(p, action, true));
  if (!actionHit) return false;
  return s.Resource !== undefined ? toList(s.Resource).some((p) => wildcardMatch(p, resource, false)) : !toList(s.NotResource).some((p) => wildcardMatch(p, resource, false));
}

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

/**
 * Evaluates an action ("ecs:DescribeSecurityGroups") on a resource ARN against a set of policy documents.
 * Conditions are not evaluated: an Allow statement with a Condition never applies, a Deny statement
 * with a Condition always applies (the conservative reading).
 */
export function evaluate(docs: PolicyDocument[], action: string, resource: string): Decision {
  let allowed = false;
  for (const d of docs) {
    for (const s of d.Statement) {
      if (!statementMatches(s, action, resource)) continue;
      if (s.Effect === "Deny") return "ExplicitDeny";
      if (!s.Condition) allowed = true;
    }
  }
  return allowed ? "Allow" : "ImplicitDeny";
}
