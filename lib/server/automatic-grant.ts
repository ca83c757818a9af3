import "server-only";
import { ADDON_POLICY_NAME, addonPolicyDocumentJson, maskAccessKeyId } from "@/lib/addon";
import { createAccessKey, deleteAccessKey, ensureCustomPolicy, ensurePolicyAttached, ensureRamUser, listAccessKeys } from "@/lib/alicloud/ram";
import { readAddonSecretInfo, writeAddonSecret } from "@/lib/k8s/addon-secret";

/** The RAM user onectl would create for a registered cluster (`ack-one-user-<id prefix>`). */
export const addonRamUserName = (ackClusterId: string) => `ack-one-user-${ackClusterId.replace(/^c/, "").slice(0, 10)}`;

export type AutomaticGrantOutcome =
  | { kind: "done"; userName: string; policyName: string; accessKeyId: string; changes: string[] }
  | { kind: "needs-confirmation"; existingAccessKeyId: string; writtenBy?: string; writtenAt?: string };

/**
 * `onectl ram-user grant --addon ack-virtual-node`, made safe to repeat: ensures the RAM user, the add-on's policy
 * (created, or updated to the current document) and its attachment, then makes sure alibaba-addon-secret holds an
 * active key of that user. A repeat changes nothing. Keys never pile up: RAM allows two per user, so keys the Secret does
 * not use are deleted before a new one is made, and a rotated key is deleted once replaced.
 */
export async function automaticGrant(opts: { cluster: string; ackClusterId: string; who: string; replaceExisting: boolean; rotate: boolean }): Promise<AutomaticGrantOutcome> {
  const userName = addonRamUserName(opts.ackClusterId);
  const changes: string[] = [];
  if ((await ensureRamUser(userName, `ack-virtual-node of ${opts.cluster}`)) === "created") changes.push(`created RAM user ${userName}`);
  const policy = await ensureCustomPolicy(ADDON_POLICY_NAME, addonPolicyDocumentJson(), "ECI and VPC permissions for ack-virtual-node (VNode Console)");
  if (policy !== "unchanged") changes.push(`${policy} policy ${ADDON_POLICY_NAME}`);
  if ((await ensurePolicyAttached(userName, ADDON_POLICY_NAME, "Custom")) === "attached") changes.push(`attached ${ADDON_POLICY_NAME} to ${userName}`);

  const secret = await readAddonSecretInfo(opts.cluster);
  const keys = await listAccessKeys(userName);
  const secretKeyIsUsers = Boolean(secret.accessKeyId && secret.hasAccessKeySecret && keys.some((k) => k.accessKeyId === secret.accessKeyId && k.status === "Active"));
  if (secretKeyIsUsers && !opts.rotate) {
    return { kind: "done", userName, policyName: ADDON_POLICY_NAME, accessKeyId: maskAccessKeyId(secret.accessKeyId), changes };
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
  await writeAddonSecret(opts.cluster, fresh, opts.who);
  changes.push(`created AccessKey ${maskAccessKeyId(fresh.accessKeyId)} and wrote it to kube-system/alibaba-addon-secret`);
  if (opts.rotate && secretKeyIsUsers) {
    await deleteAccessKey(userName, secret.accessKeyId!);
    changes.push(`deleted the replaced AccessKey ${maskAccessKeyId(secret.accessKeyId)}`);
  }
  return { kind: "done", userName, policyName: ADDON_POLICY_NAME, accessKeyId: maskAccessKeyId(fresh.accessKeyId), changes };
}
