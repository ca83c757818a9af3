import "server-only";
import { sourceIpPolicyDocument, sourceIpPolicyName } from "@/lib/addon";
import { detachPolicyFromUser, ensurePolicyAttached, putOwnPolicy } from "@/lib/alicloud/ram";
import { words, type Words } from "@/lib/errors";

/**
 * Limits where a RAM user's keys may be used from: `cidrs` non-empty writes and attaches the user's source-IP policy,
 * empty detaches it (the key works from anywhere again), undefined leaves it as it is. Returns what changed.
 */
export async function applySourceIpLimit(userName: string, cidrs: readonly string[] | undefined): Promise<Words[]> {
  if (cidrs === undefined) return [];
  const policyName = sourceIpPolicyName(userName);
  if (cidrs.length === 0) return (await detachPolicyFromUser(userName, policyName, "Custom")) === "detached" ? [words("server.grant.sourceLimitRemoved", { userName })] : [];
  const changes: Words[] = [];
  const written = await putOwnPolicy(policyName, JSON.stringify(sourceIpPolicyDocument(cidrs)), `Keys of ${userName} work only from ${cidrs.join(", ")} (VNode Console)`);
  if (written !== "unchanged") changes.push(words("server.grant.sourceLimited", { userName, cidrs: cidrs.join(", "), policyName }));
  if ((await ensurePolicyAttached(userName, policyName, "Custom")) === "attached" && written === "unchanged")
    changes.push(words("server.grant.attached", { policyName, userName }));
  return changes;
}
