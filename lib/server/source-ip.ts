import "server-only";
import { sourceIpPolicyDocument, sourceIpPolicyName } from "@/lib/addon";
import { detachPolicyFromUser, ensurePolicyAttached, putOwnPolicy } from "@/lib/alicloud/ram";

/**
 * Limits where a RAM user's keys may be used from: `cidrs` non-empty writes and attaches the user's source-IP policy,
 * empty detaches it (the key works from anywhere again), undefined leaves it as it is. Returns what changed.
 */
export async function applySourceIpLimit(userName: string, cidrs: readonly string[] | undefined): Promise<string[]> {
  if (cidrs === undefined) return [];
  const policyName = sourceIpPolicyName(userName);
  if (cidrs.length === 0) return (await detachPolicyFromUser(userName, policyName, "Custom")) === "detached" ? [`removed the source network limit of ${userName}`] : [];
  const changes: string[] = [];
  const written = await putOwnPolicy(policyName, JSON.stringify(sourceIpPolicyDocument(cidrs)), `Keys of ${userName} work only from ${cidrs.join(", ")} (VNode Console)`);
  if (written !== "unchanged") changes.push(`limited ${userName}'s keys to ${cidrs.join(", ")} (policy ${policyName})`);
  if ((await ensurePolicyAttached(userName, policyName, "Custom")) === "attached" && written === "unchanged") changes.push(`attached ${policyName} to ${userName}`);
  return changes;
}
