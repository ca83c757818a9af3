import "server-only";
import { coversAddonNeeds, maskAccessKeyId, type CoverageResult } from "@/lib/addon";
import { attachedPolicies } from "@/lib/alicloud/ram";
import { callerIdentity, type CallerIdentity } from "@/lib/alicloud/sts";
import { InputError, explainError } from "@/lib/errors";
import { readAddonSecretInfo, writeAddonSecret } from "@/lib/k8s/addon-secret";
import { rollControllerOntoNewKey } from "./controller-rollout";
import { applySourceIpLimit } from "./source-ip";

/** Gateway answers that reject the pair itself, and the field the user should look at. */
const KEY_REJECTED: Record<string, "accessKeyId" | "accessKeySecret"> = {
  SignatureDoesNotMatch: "accessKeySecret",
  IncompleteSignature: "accessKeySecret",
  "InvalidAccessKeyId.NotFound": "accessKeyId",
  "Forbidden.AccessKeyDisabled": "accessKeyId",
};

export type ManualGrantOutcome =
  | { kind: "done"; accessKeyId: string; owner?: string; identityType: string; coverage?: CoverageResult; unchanged: boolean; warning?: string }
  | { kind: "needs-confirmation"; existingAccessKeyId: string; writtenBy?: string; writtenAt?: string };

/** Proves the pair and names its owner; a rejection is about what the user typed, so it is said about the input. */
async function identify(keys: { accessKeyId: string; accessKeySecret: string }): Promise<CallerIdentity> {
  try {
    return await callerIdentity(keys);
  } catch (error) {
    const field = KEY_REJECTED[(error as { code?: string }).code ?? ""];
    if (!field) throw error;
    const explained = explainError(error, { principal: "entered", action: "sts:GetCallerIdentity" });
    throw new InputError(explained.title, { [field]: explained.title }, explained.whatToDo, explained.code);
  }
}

/**
 * The console path of the seed's Step 1: the user brings an AccessKey pair. The pair is proven and its owner named
 * (STS GetCallerIdentity), written to alibaba-addon-secret (nothing is written if it is wrong), the controller rolled
 * onto it, and the owner's attached policies checked against what the add-on needs.
 */
export async function manualGrant(opts: {
  cluster: string;
  accessKeyId: string;
  accessKeySecret: string;
  who: string;
  replaceExisting: boolean;
  sourceCidrs?: string[];
}): Promise<ManualGrantOutcome> {
  const keys = { accessKeyId: opts.accessKeyId, accessKeySecret: opts.accessKeySecret };
  const identity = await identify(keys);
  const secret = await readAddonSecretInfo(opts.cluster);
  const unchanged = secret.accessKeyId === opts.accessKeyId;
  if (secret.exists && !unchanged && !opts.replaceExisting) {
    return { kind: "needs-confirmation", existingAccessKeyId: maskAccessKeyId(secret.accessKeyId), writtenBy: secret.writtenBy, writtenAt: secret.writtenAt };
  }
  await writeAddonSecret(opts.cluster, keys, opts.who);
  // The controller reads the key only when its pods start: new pods, or it keeps calling with the previous key.
  const rollout = unchanged ? { kind: "no-controller" as const } : await rollControllerOntoNewKey(opts.cluster);
  const owner = identity.userName;
  const limited = owner ? await applySourceIpLimit(owner, opts.sourceCidrs) : [];
  const coverage = owner
    ? coversAddonNeeds((await attachedPolicies(owner)).map((p) => ({ policyName: p.policyName, policyType: p.policyType as "System" | "Custom", document: p.document })))
    : undefined;
  const warnings = [
    identity.identityType === "Account"
      ? "This is the account's root AccessKey: it can do everything in the account. Use a RAM user's key with only the add-on's permissions instead."
      : undefined,
    opts.sourceCidrs?.length && !owner ? "The source network limit was not applied: it can only be set on a RAM user's keys." : undefined,
    limited.length ? `${limited.join("; ")}.` : undefined,
    rollout.kind === "failed" ? `The controller did not restart onto the new key (${rollout.reason}); it keeps the previous key until its pods restart.` : undefined,
  ].filter(Boolean);
  return {
    kind: "done",
    accessKeyId: maskAccessKeyId(opts.accessKeyId),
    owner,
    identityType: identity.identityType,
    coverage,
    unchanged,
    warning: warnings.join(" ") || undefined,
  };
}
