import "server-only";
import { ConsoleError, words, type Words } from "@/lib/errors";
import { ramApi } from "./clients";

type Keys = { accessKeyId: string; accessKeySecret: string };
const code = (error: unknown) => (error as { code?: string })?.code ?? "";

/** Creates the RAM user unless it exists. */
export async function ensureRamUser(userName: string, displayName: string): Promise<"created" | "unchanged"> {
  const { client: ram, sdk: $Ram } = await ramApi();
  try {
    await ram.getUser(new $Ram.GetUserRequest({ userName }));
    return "unchanged";
  } catch (error) {
    if (code(error) !== "EntityNotExist.User") throw error;
  }
  await ram.createUser(new $Ram.CreateUserRequest({ userName, displayName, comments: "Created by VNode Console for ack-virtual-node" }));
  return "created";
}

const normalize = (doc: string) => JSON.stringify(JSON.parse(doc));

type Statement = Record<string, unknown>;
const statementsOf = (doc: string): Statement[] => {
  const parsed = JSON.parse(doc) as { Statement?: Statement | Statement[] };
  return Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
};
const sameStatement = (a: Statement, b: Statement) => normalize(JSON.stringify(a)) === normalize(JSON.stringify(b));

export interface PolicyChange {
  change: "created" | "extended" | "unchanged";
  summary: Words;
}

/** Creates the custom policy with `document`, or reads its default version when it exists already. */
async function createOrReadPolicy(
  policyName: string,
  document: string,
  description: string,
): Promise<{ created: true } | { created: false; document: string; versionId?: string }> {
  const { client: ram, sdk: $Ram } = await ramApi();
  try {
    const current = await ram.getPolicy(new $Ram.GetPolicyRequest({ policyName, policyType: "Custom" }));
    const version = current.body?.defaultPolicyVersion;
    return { created: false, document: version?.policyDocument ?? '{"Version":"1","Statement":[]}', versionId: version?.versionId };
  } catch (error) {
    if (code(error) !== "EntityNotExist.Policy") throw error;
    await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName, policyDocument: document, description }));
    return { created: true };
  }
}

/**
 * Makes `document` the policy's new default version. RAM keeps at most 5 versions: `keepOld` older non-default
 * versions stay (newest first), the rest go before the new one is added. Returns the new version's id.
 */
async function addDefaultVersion(policyName: string, document: string, keepOld: number): Promise<string | undefined> {
  const { client: ram, sdk: $Ram } = await ramApi();
  const versions = (await ram.listPolicyVersions(new $Ram.ListPolicyVersionsRequest({ policyName, policyType: "Custom" }))).body?.policyVersions?.policyVersion ?? [];
  const old = versions.filter((v) => !v.isDefaultVersion).sort((x, y) => (y.createDate ?? "").localeCompare(x.createDate ?? ""));
  for (const v of old.slice(keepOld)) if (v.versionId) await ram.deletePolicyVersion(new $Ram.DeletePolicyVersionRequest({ policyName, versionId: v.versionId }));
  const created = await ram.createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName, policyDocument: document, setAsDefault: true }));
  return created.body?.policyVersion?.versionId;
}

/**
 * Creates the custom policy, or, when its default version lacks some of `document`'s statements, adds a new default
 * version holding every statement it had plus the missing ones. An account-wide policy is never narrowed or silently
 * replaced: someone may have widened it on purpose. (Of RAM's 5 versions, the oldest non-default one goes when full.)
 */
export async function ensureCustomPolicy(policyName: string, document: string, description: string): Promise<PolicyChange> {
  const current = await createOrReadPolicy(policyName, document, description);
  if (current.created) return { change: "created", summary: words("server.grant.createdPolicy", { policyName }) };
  const existing = statementsOf(current.document);
  const missing = statementsOf(document).filter((wanted) => !existing.some((have) => sameStatement(have, wanted)));
  if (missing.length === 0) return { change: "unchanged", summary: words("server.grant.policyCovers", { policyName }) };
  const extended = JSON.stringify({ ...JSON.parse(current.document), Statement: [...existing, ...missing] });
  const version = await addDefaultVersion(policyName, extended, 3);
  return {
    change: "extended",
    summary: version
      ? words("server.grant.policyExtendedVersion", { count: missing.length, policyName, version, kept: current.versionId ?? "?" })
      : words("server.grant.policyExtended", { count: missing.length, policyName, kept: current.versionId ?? "?" }),
  };
}

export interface AttachedPolicyInfo {
  policyName: string;
  policyType: string;
  document?: string;
}

/** The user's attached policies with their default documents (for checking what they allow). */
export async function attachedPolicies(userName: string): Promise<AttachedPolicyInfo[]> {
  const { client: ram, sdk: $Ram } = await ramApi();
  const list = (await ram.listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName }))).body?.policies?.policy ?? [];
  return Promise.all(
    list.map(async (p) => {
      const policy = await ram.getPolicy(new $Ram.GetPolicyRequest({ policyName: p.policyName, policyType: p.policyType })).catch(() => undefined);
      return { policyName: p.policyName!, policyType: p.policyType!, document: policy?.body?.defaultPolicyVersion?.policyDocument };
    }),
  );
}

export async function ensurePolicyAttached(userName: string, policyName: string, policyType: "Custom" | "System"): Promise<"attached" | "unchanged"> {
  const { client: ram, sdk: $Ram } = await ramApi();
  const attached = await attachedPolicies(userName);
  if (attached.some((p) => p.policyName === policyName && p.policyType === policyType)) return "unchanged";
  await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName, policyName, policyType }));
  return "attached";
}

export interface AccessKeyInfo {
  accessKeyId: string;
  status: string;
  createDate?: string;
}

export async function listAccessKeys(userName: string): Promise<AccessKeyInfo[]> {
  const { client: ram, sdk: $Ram } = await ramApi();
  const body = (await ram.listAccessKeys(new $Ram.ListAccessKeysRequest({ userName }))).body;
  return (body?.accessKeys?.accessKey ?? []).map((k) => ({ accessKeyId: k.accessKeyId!, status: k.status ?? "Active", createDate: k.createDate }));
}

/** A new AccessKey pair; the secret is returned once, to be written straight into the cluster's Secret. */
export async function createAccessKey(userName: string): Promise<Keys> {
  const { client: ram, sdk: $Ram } = await ramApi();
  const key = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName }))).body?.accessKey;
  if (!key?.accessKeyId || !key.accessKeySecret)
    throw new ConsoleError({ code: "NoAccessKeyReturned", title: words("server.cloud.noAccessKey"), whatToDo: words("server.cloud.retryOrReport") });
  return { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
}

export async function deleteAccessKey(userName: string, accessKeyId: string) {
  const { client: ram, sdk: $Ram } = await ramApi();
  await ram.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName, userAccessKeyId: accessKeyId }));
}

/** Creates the custom policy or replaces its default version: for policies the console owns alone (one per user). */
export async function putOwnPolicy(policyName: string, document: string, description: string): Promise<"created" | "updated" | "unchanged"> {
  const current = await createOrReadPolicy(policyName, document, description);
  if (current.created) return "created";
  if (normalize(current.document) === normalize(document)) return "unchanged";
  await addDefaultVersion(policyName, document, 0);
  return "updated";
}

export async function detachPolicyFromUser(userName: string, policyName: string, policyType: "Custom" | "System"): Promise<"detached" | "unchanged"> {
  const { client: ram, sdk: $Ram } = await ramApi();
  try {
    await ram.detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ userName, policyName, policyType }));
    return "detached";
  } catch (error) {
    if (code(error).startsWith("EntityNotExist")) return "unchanged";
    throw error;
  }
}

/** Deletes the RAM user (RAM refuses while keys or policies remain: detach and delete those first). */
export async function deleteRamUser(userName: string): Promise<"deleted" | "unchanged"> {
  const { client: ram, sdk: $Ram } = await ramApi();
  try {
    await ram.deleteUser(new $Ram.DeleteUserRequest({ userName }));
    return "deleted";
  } catch (error) {
    if (code(error).startsWith("EntityNotExist")) return "unchanged";
    throw error;
  }
}

/** Whether the RAM user exists. */
export async function ramUserExists(userName: string): Promise<boolean> {
  const { client: ram, sdk: $Ram } = await ramApi();
  try {
    await ram.getUser(new $Ram.GetUserRequest({ userName }));
    return true;
  } catch (error) {
    if (code(error).startsWith("EntityNotExist")) return false;
    throw error;
  }
}
