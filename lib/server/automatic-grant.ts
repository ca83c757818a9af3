import "server-only";
import { ADDON_POLICY_NAME, addonPolicyDocumentJson, maskAccessKeyId } from "@/lib/addon";
import { createAccessKey, deleteAccessKey, ensureCustomPolicy, ensurePolicyAttached, ensureRamUser, listAccessKeys } from "@/lib/alicloud/ram";
import { say, words, type Words } from "@/lib/errors";
import type { Translator } from "@/lib/i18n/translator";
import { readAddonSecretInfo, writeAddonSecret } from "@/lib/k8s/addon-secret";
import { controllerSettled, rollControllerOntoNewKey } from "./controller-rollout";
import { applySourceIpLimit } from "./source-ip";

/** The RAM user onectl would create for a registered cluster (`ack-one-user-<id prefix>`). */
export const addonRamUserName = (ackClusterId: string) => `ack-one-user-${ackClusterId.replace(/^c/, "").slice(0, 10)}`;

type Confirmation = { kind: "needs-confirmation"; existingAccessKeyId: string; writtenBy?: string; writtenAt?: string };

/** What the grant did, in words said later: in the person's language for them, in English for the audit record. */
export type AutomaticGrantResult = { kind: "done"; userName: string; policyName: string; accessKeyId: string; changes: Words[]; warning?: Words } | Confirmation;

export type AutomaticGrantOutcome = { kind: "done"; userName: string; policyName: string; accessKeyId: string; changes: string[]; warning?: string } | Confirmation;

/** The grant's outcome in one language (the current one by default). */
export function sayAutomaticGrant(result: AutomaticGrantResult, t?: Translator): AutomaticGrantOutcome {
  if (result.kind !== "done") return result;
  return { ...result, changes: result.changes.map((c) => say(c, t)), warning: result.warning === undefined ? undefined : say(result.warning, t) };
}

/**
 * `onectl ram-user grant --addon ack-virtual-node`, made safe to repeat: ensures the RAM user, the add-on's policy
 * and its attachment, then makes sure alibaba-addon-secret holds an active key of that user. A repeat changes nothing.
 * Keys never pile up (RAM allows two per user) and a key in use is never deleted under a running controller: a new
 * key is written, the controller rolled onto it, and only then is the old key deleted.
 */
export async function automaticGrant(opts: AutomaticGrantOptions, t?: Translator): Promise<AutomaticGrantOutcome> {
  return sayAutomaticGrant(await automaticGrantResult(opts), t);
}

export interface AutomaticGrantOptions {
  cluster: string;
  ackClusterId: string;
  who: string;
  replaceExisting: boolean;
  rotate: boolean;
  sourceCidrs?: string[];
}

/** automaticGrant with its changes and warning as words (the action says them twice: to the person, to the audit). */
export async function automaticGrantResult(opts: AutomaticGrantOptions): Promise<AutomaticGrantResult> {
  const userName = addonRamUserName(opts.ackClusterId);
  const changes: Words[] = [];
  if ((await ensureRamUser(userName, `ack-virtual-node of ${opts.cluster}`)) === "created") changes.push(words("server.grant.createdUser", { userName }));
  const policy = await ensureCustomPolicy(ADDON_POLICY_NAME, addonPolicyDocumentJson(), "ECI and VPC permissions for ack-virtual-node (VNode Console)");
  if (policy.change !== "unchanged") changes.push(policy.summary);
  if ((await ensurePolicyAttached(userName, ADDON_POLICY_NAME, "Custom")) === "attached") changes.push(words("server.grant.attached", { policyName: ADDON_POLICY_NAME, userName }));
  changes.push(...(await applySourceIpLimit(userName, opts.sourceCidrs)));

  const secret = await readAddonSecretInfo(opts.cluster);
  const keys = await listAccessKeys(userName);
  const secretKeyIsUsers = Boolean(secret.accessKeyId && secret.hasAccessKeySecret && keys.some((k) => k.accessKeyId === secret.accessKeyId && k.status === "Active"));
  const done = (accessKeyId: string, warning?: Words): AutomaticGrantResult => ({
    kind: "done",
    userName,
    policyName: ADDON_POLICY_NAME,
    accessKeyId: maskAccessKeyId(accessKeyId),
    changes,
    warning,
  });
  if (secretKeyIsUsers && !opts.rotate) {
    // Keys left by a rotation whose controller roll did not finish: deleted once every controller pod runs the new key.
    const leftovers = keys.filter((k) => k.accessKeyId !== secret.accessKeyId);
    if (leftovers.length && (await controllerSettled(opts.cluster))) {
      for (const key of leftovers) {
        await deleteAccessKey(userName, key.accessKeyId);
        changes.push(words("server.grant.deletedReplaced", { accessKeyId: maskAccessKeyId(key.accessKeyId) }));
      }
    }
    return done(secret.accessKeyId!);
  }
  if (secret.exists && !secretKeyIsUsers && !opts.replaceExisting) {
    return { kind: "needs-confirmation", existingAccessKeyId: maskAccessKeyId(secret.accessKeyId), writtenBy: secret.writtenBy, writtenAt: secret.writtenAt };
  }
  // This user exists only for this cluster's add-on, and the Secret is the only consumer of its keys: a key the
  // Secret does not hold is a leftover (an interrupted run, a replaced Secret), so it goes before a new one is made.
  for (const key of keys.filter((k) => k.accessKeyId !== secret.accessKeyId)) {
    await deleteAccessKey(userName, key.accessKeyId);
    changes.push(words("server.grant.deletedUnused", { accessKeyId: maskAccessKeyId(key.accessKeyId) }));
  }
  const fresh = await createAccessKey(userName);
  try {
    await writeAddonSecret(opts.cluster, fresh, opts.who);
  } catch (error) {
    // Nothing holds the new key: deleting it keeps the user at one key and leaves no secret anywhere but RAM's history.
    await deleteAccessKey(userName, fresh.accessKeyId).catch(() => undefined);
    throw error;
  }
  changes.push(words("server.grant.createdKey", { accessKeyId: maskAccessKeyId(fresh.accessKeyId) }));

  const rollout = await rollControllerOntoNewKey(opts.cluster);
  if (rollout.kind === "rolled") changes.push(words("server.grant.restarted"));
  const previous = secretKeyIsUsers ? secret.accessKeyId : undefined;
  if (rollout.kind === "failed") {
    const notRolled = words("server.grant.notRolled", { reason: rollout.reason });
    return done(fresh.accessKeyId, previous ? words("server.grant.notRolledKept", { notRolled, accessKeyId: maskAccessKeyId(previous) }) : notRolled);
  }
  if (previous) {
    await deleteAccessKey(userName, previous);
    changes.push(words("server.grant.deletedReplaced", { accessKeyId: maskAccessKeyId(previous) }));
  }
  return done(fresh.accessKeyId);
}
