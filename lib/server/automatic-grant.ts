import "server-only";
import { ADDON_POLICY_NAME, addonPolicyDocumentJson, maskAccessKeyId } from "@/lib/addon";
import { createAccessKey, deleteAccessKey, ensureCustomPolicy, ensurePolicyAttached, ensureRamUser, listAccessKeys } from "@/lib/alicloud/ram";
import { readAddonSecretInfo, writeAddonSecret } from "@/lib/k8s/addon-secret";
import { controllerSettled, rollControllerOntoNewKey } from "./controller-rollout";
import { applySourceIpLimit } from "./source-ip";

/** The RAM user onectl would create for a registered cluster (`ack-one-user-<id prefix>`). */
export const addonRamUserName = (ackClusterId: string) => `ack-one-user-${ackClusterId.replace(/^c/, "").slice(0, 10)}`;

export type AutomaticGrantOutcome =
  | { kind: "done"; userName: string; policyName: string; accessKeyId: string; changes: string[]; warning?: string }
  | { kind: "needs-confirmation"; existingAccessKeyId: string; writtenBy?: string; writtenAt?: string };

/**
 * `onectl ram-user grant --addon ack-virtual-node`, made safe to repeat: ensures the RAM user, the add-on's policy
 * and its attachment, then makes sure alibaba-addon-secret holds an active key of that user. A repeat changes nothing.
 * Keys never pile up (RAM allows two per user) and a key in use is never deleted under a running controller: a new
 * key is written, the controller rolled onto it, and only then is the old key deleted.
 */
export async function automaticGrant(opts: {
  cluster: string;
  ackClusterId: string;
  who: string;
  replaceExisting: boolean;
  rotate: boolean;
  sourceCidrs?: string[];
}): Promise<AutomaticGrantOutcome> {
  const userName = addonRamUserName(opts.ackClusterId);
  const changes: string[] = [];
  if ((await ensureRamUser(userName, `ack-virtual-node of ${opts.cluster}`)) === "created") changes.push(`created RAM user ${userName}`);
  const policy = await ensureCustomPolicy(ADDON_POLICY_NAME, addonPolicyDocumentJson(), "ECI and VPC permissions for ack-virtual-node (VNode Console)");
  if (policy.change !== "unchanged") changes.push(policy.summary);
  if ((await ensurePolicyAttached(userName, ADDON_POLICY_NAME, "Custom")) === "attached") changes.push(`attached ${ADDON_POLICY_NAME} to ${userName}`);
  changes.push(...(await applySourceIpLimit(userName, opts.sourceCidrs)));

  const secret = await readAddonSecretInfo(opts.cluster);
  const keys = await listAccessKeys(userName);
  const secretKeyIsUsers = Boolean(secret.accessKeyId && secret.hasAccessKeySecret && keys.some((k) => k.accessKeyId === secret.accessKeyId && k.status === "Active"));
  const done = (accessKeyId: string, warning?: string): AutomaticGrantOutcome => ({
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
        changes.push(`deleted the replaced AccessKey ${maskAccessKeyId(key.accessKeyId)}`);
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
    changes.push(`deleted unused AccessKey ${maskAccessKeyId(key.accessKeyId)}`);
  }
  const fresh = await createAccessKey(userName);
  try {
    await writeAddonSecret(opts.cluster, fresh, opts.who);
  } catch (error) {
    // Nothing holds the new key: deleting it keeps the user at one key and leaves no secret anywhere but RAM's history.
    await deleteAccessKey(userName, fresh.accessKeyId).catch(() => undefined);
    throw error;
  }
  changes.push(`created AccessKey ${maskAccessKeyId(fresh.accessKeyId)} and wrote it to kube-system/alibaba-addon-secret`);

  const rollout = await rollControllerOntoNewKey(opts.cluster);
  if (rollout.kind === "rolled") changes.push("restarted ack-virtual-node-controller onto the new key");
  const previous = secretKeyIsUsers ? secret.accessKeyId : undefined;
  if (rollout.kind === "failed") {
    const kept = previous
      ? ` The previous AccessKey ${maskAccessKeyId(previous)} was kept so running pods keep working; grant again once the controller is healthy to finish the rotation.`
      : "";
    return done(fresh.accessKeyId, `The controller did not roll onto the new key (${rollout.reason}).${kept}`);
  }
  if (previous) {
    await deleteAccessKey(userName, previous);
    changes.push(`deleted the replaced AccessKey ${maskAccessKeyId(previous)}`);
  }
  return done(fresh.accessKeyId);
}
