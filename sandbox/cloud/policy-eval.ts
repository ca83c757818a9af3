// RAM policy documents: validation (MalformedPolicyDocument) and evaluation (Deny wins over Allow,
// otherwise implicit deny). Action and Resource support the * and ? wildcards; Condition blocks are evaluated
// against the request context (acs:SourceIp, acs:SecureTransport, acs:CurrentTime, ...).
import { BlockList, isIPv4, isIPv6 } from "node:net";
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
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
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

/**
 * What the gateway knows about a request, keyed by condition key in lower case ("acs:sourceip"). A key that is
 * absent (acs:SourceVpc for a request from outside any VPC) makes every condition on it "not met".
 */
export type RequestContext = Record<string, string>;

export function requestContext(c: { sourceIp?: string; secureTransport?: boolean; sourceVpc?: string; now?: Date }): RequestContext {
  const ctx: RequestContext = {
    "acs:securetransport": String(c.secureTransport ?? false),
    "acs:currenttime": (c.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    "acs:mfapresent": "false",
  };
  if (c.sourceIp) ctx["acs:sourceip"] = c.sourceIp.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  if (c.sourceVpc) ctx["acs:sourcevpc"] = c.sourceVpc;
  return ctx;
}

const values = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== undefined).map(String);

function ipIn(ip: string, cidrs: string[]): boolean {
  const family = isIPv4(ip) ? "ipv4" : isIPv6(ip) ? "ipv6" : undefined;
  if (!family) return false;
  const list = new BlockList();
  for (const c of cidrs) {
    const [addr, bits] = c.trim().split("/");
    const f = isIPv4(addr) ? "ipv4" : isIPv6(addr) ? "ipv6" : undefined;
    if (!f) continue; // a malformed entry matches nothing
    if (bits === undefined) list.addAddress(addr, f);
    else if (/^\d+$/.test(bits) && Number(bits) <= (f === "ipv4" ? 32 : 128)) list.addSubnet(addr, Number(bits), f);
  }
  return list.check(ip, family);
}

/** One operator's test of one context value against the policy's values (any of them). Undefined = operator not supported. */
const OPERATORS: Record<string, (actual: string, wanted: string[]) => boolean> = {
  stringequals: (a, w) => w.includes(a),
  stringnotequals: (a, w) => !w.includes(a),
  stringequalsignorecase: (a, w) => w.some((x) => x.toLowerCase() === a.toLowerCase()),
  stringnotequalsignorecase: (a, w) => !w.some((x) => x.toLowerCase() === a.toLowerCase()),
  stringlike: (a, w) => w.some((x) => wildcardMatch(x, a, false)),
  stringnotlike: (a, w) => !w.some((x) => wildcardMatch(x, a, false)),
  bool: (a, w) => w.some((x) => x.toLowerCase() === a.toLowerCase()),
  ipaddress: (a, w) => ipIn(a, w),
  notipaddress: (a, w) => !ipIn(a, w),
};

/**
 * A Condition block holds when every operator holds, an operator when every key holds, a key when its context
 * value matches any of the listed values (negated operators: none of them). Operator names and keys are
 * case-insensitive. A key the context lacks is not met, whatever the operator. "unsupported" = an operator the
 * emulator does not evaluate (Numeric*, Date*, ...).
 */
export function conditionHolds(condition: Record<string, Record<string, unknown>>, ctx: RequestContext): boolean | "unsupported" {
  let unsupported = false;
  for (const [op, keys] of Object.entries(condition)) {
    const test = OPERATORS[op.toLowerCase()];
    if (!test) {
      unsupported = true;
      continue;
    }
    for (const [key, wanted] of Object.entries(keys)) {
      const actual = ctx[key.toLowerCase()];
      if (actual === undefined || !test(actual, values(wanted))) return false;
    }
  }
  return unsupported ? "unsupported" : true;
}

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

/**
 * Evaluates an action ("ecs:DescribeSecurityGroups") on a resource ARN against a set of policy documents, in the
 * request's context. A statement applies when its Action, Resource and Condition match. A Condition with an
 * operator the emulator does not evaluate is read conservatively: such an Allow never applies, such a Deny does
 * (unless one of its evaluated operators already fails).
 */
export function evaluate(docs: PolicyDocument[], action: string, resource: string, ctx: RequestContext = requestContext({})): Decision {
  let allowed = false;
  for (const d of docs) {
    for (const s of d.Statement) {
      if (!statementMatches(s, action, resource)) continue;
      const cond = s.Condition ? conditionHolds(s.Condition, ctx) : true;
      if (s.Effect === "Deny" && cond !== false) return "ExplicitDeny";
      if (s.Effect === "Allow" && cond === true) allowed = true;
    }
  }
  return allowed ? "Allow" : "ImplicitDeny";
}
