import "server-only";
import { coversAddonNeeds, maskAccessKeyId, type CoverageResult } from "@/lib/addon";
import { attachedPolicies } from "@/lib/alicloud/ram";
import { callerIdentity, type CallerIdentity } from "@/lib/alicloud/sts";
import { InputError, explainError, say, words, type Words } from "@/lib/errors";
import type { Translator } from "@/lib/i18n/translator";
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

type Confirmation = { kind: "needs-confirmation"; existingAccessKeyId: string; writtenBy?: string; writtenAt?: string };
type Done = { kind: "done"; accessKeyId: string; owner?: string; identityType: string; coverage?: CoverageResult; unchanged: boolean };

/** What the grant did, its warning in words said later (the person's language for them, English for the audit). */
export type ManualGrantResult = (Done & { warning?: Words }) | Confirmation;
export type ManualGrantOutcome = (Done & { warning?: string }) | Confirmation;

/** The grant's outcome in one language (the current one by default). */
export function sayManualGrant(result: ManualGrantResult, t?: Translator): ManualGrantOutcome {
  if (result.kind !== "done") return result;
  return { ...result, warning: result.warning === undefined ? undefined : say(result.warning, t) };
}

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
export async function manualGrant(opts: ManualGrantOptions, t?: Translator): Promise<ManualGrantOutcome> {
  return sayManualGrant(await manualGrantResult(opts), t);
}

export interface ManualGrantOptions {
  cluster: string;
  accessKeyId: string;
  accessKeySecret: string;
  who: string;
  replaceExisting: boolean;
  sourceCidrs?: string[];
}

/** manualGrant with its warning as words (the action says it twice: to the person, to the audit). */
export async function manualGrantResult(opts: ManualGrantOptions): Promise<ManualGrantResult> {
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
    identity.identityType === "Account" ? words("server.grant.rootKey") : undefined,
    opts.sourceCidrs?.length && !owner ? words("server.grant.sourceLimitNotApplied") : undefined,
    limited.length ? words("server.grant.changes", { changes: { join: limited, by: "; " } }) : undefined,
    rollout.kind === "failed" ? words("server.grant.notRestarted", { reason: rollout.reason }) : undefined,
  ].filter((w) => w !== undefined);
  return {
    kind: "done",
    accessKeyId: maskAccessKeyId(opts.accessKeyId),
    owner,
    identityType: identity.identityType,
    coverage,
    unchanged,
    warning: warnings.length ? words("server.grant.sentences", { sentences: { join: warnings, by: " " } }) : undefined,
  };
}
