import "server-only";
import { ADDON_POLICY_NAME, maskAccessKeyId } from "@/lib/addon";
import { attachedPolicies, deleteAccessKey, deleteRamUser, detachPolicyFromUser, listAccessKeys, ramUserExists } from "@/lib/alicloud/ram";
import { deleteAddonSecret, readAddonSecretInfo } from "@/lib/k8s/addon-secret";
import type { SpecWithoutSchema } from "./action-runner";
import { addonRamUserName } from "./automatic-grant";
import type { ConsoleCluster } from "./clusters";
import { say, words, type Words } from "@/lib/errors";

export interface RamUserView {
  userName: string;
  exists: boolean;
  policies: string[];
  accessKeys: { accessKeyId: string; status: string; createDate?: string; inSecret: boolean }[];
  secret: { exists: boolean; accessKeyId?: string; writtenBy?: string; writtenAt?: string };
}

/** `vnode ram-user show`: the add-on's RAM user of a linked cluster, its policies and keys (masked), and the Secret. */
export async function showRamUser(cluster: ConsoleCluster): Promise<RamUserView> {
  const userName = addonRamUserName(cluster.link!.ackClusterId);
  const [exists, secret] = await Promise.all([ramUserExists(userName), readAddonSecretInfo(cluster.id)]);
  const [policies, keys] = exists ? await Promise.all([attachedPolicies(userName), listAccessKeys(userName)]) : [[], []];
  return {
    userName,
    exists,
    policies: policies.map((p) => `${p.policyName} (${p.policyType})`),
    accessKeys: keys.map((k) => ({ accessKeyId: maskAccessKeyId(k.accessKeyId), status: k.status, createDate: k.createDate, inSecret: k.accessKeyId === secret.accessKeyId })),
    secret: { exists: secret.exists, accessKeyId: secret.accessKeyId && maskAccessKeyId(secret.accessKeyId), writtenBy: secret.writtenBy, writtenAt: secret.writtenAt },
  };
}

/**
 * Undoes the automatic grant: the Secret first (so no consumer is left holding a key about to die), then the user's
 * keys, its policy attachments, and the user. Every step is repeat-safe, so a run cut short is finished by running it
 * again. The account-wide custom policy stays: other clusters' users may have it attached.
 */
export async function revokeRamUser(cluster: ConsoleCluster): Promise<{ userName: string; changes: Words[] }> {
  const userName = addonRamUserName(cluster.link!.ackClusterId);
  const changes: Words[] = [];
  const secret = await readAddonSecretInfo(cluster.id);
  const exists = await ramUserExists(userName);
  const keys = exists ? await listAccessKeys(userName) : [];
  const ownsSecret = !secret.exists || keys.some((k) => k.accessKeyId === secret.accessKeyId);
  // A Secret holding someone else's key (the manual path) is not ours to delete.
  if (secret.exists && ownsSecret && (await deleteAddonSecret(cluster.id)) === "deleted") changes.push(words("server.revoke.deletedSecret"));
  if (!exists) return { userName, changes };
  for (const key of keys) {
    await deleteAccessKey(userName, key.accessKeyId);
    changes.push(words("server.revoke.deletedKey", { accessKeyId: maskAccessKeyId(key.accessKeyId) }));
  }
  for (const policy of await attachedPolicies(userName)) {
    if ((await detachPolicyFromUser(userName, policy.policyName, policy.policyType as "Custom" | "System")) === "detached")
      changes.push(words("server.revoke.detached", { policyName: policy.policyName, userName }));
  }
  if ((await deleteRamUser(userName)) === "deleted") changes.push(words("server.revoke.deletedUser", { userName }));
  return { userName, changes };
}

/** `vnode ram-user revoke` as an action declaration (audited like the console's actions). */
export const revokeRamUserSpec: SpecWithoutSchema<{ cluster: string }, { userName: string; changes: string[] }> = {
  action: "revoke-ram",
  permission: "admin",
  target: () => "secret/alibaba-addon-secret",
  needsLink: true,
  exclusive: true,
  errorContext: () => ({ action: "ram:revoke", principal: "console" }),
  async run({ cluster }) {
    const { userName, changes } = await revokeRamUser(cluster);
    const message = changes.length
      ? words("server.revoke.revoked", { policyName: ADDON_POLICY_NAME, userName, changes: { join: changes, by: "; " } })
      : words("server.revoke.nothing", { userName });
    return { data: { userName, changes: changes.map((c) => say(c)) }, message, audit: changes.length ? "succeeded" : "unchanged" };
  },
};
