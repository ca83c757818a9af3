import "server-only";
import { coversAddonNeeds, maskAccessKeyId, type CoverageResult } from "@/lib/addon";
import { InputError, explainError } from "@/lib/errors";
import { callEci, defaultRegion } from "@/lib/alicloud/clients";
import { attachedPolicies, findAccessKeyOwner } from "@/lib/alicloud/ram";
import { readAddonSecretInfo, writeAddonSecret } from "@/lib/k8s/addon-secret";

/** Gateway answers that reject the pair itself, and the field the user should look at. */
const KEY_REJECTED: Record<string, "accessKeyId" | "accessKeySecret"> = {
  SignatureDoesNotMatch: "accessKeySecret",
  IncompleteSignature: "accessKeySecret",
  "InvalidAccessKeyId.NotFound": "accessKeyId",
  "Forbidden.AccessKeyDisabled": "accessKeyId",
};

export type ManualGrantOutcome =
  | { kind: "done"; accessKeyId: string; owner?: string; coverage?: CoverageResult; unchanged: boolean }
  | { kind: "needs-confirmation"; existingAccessKeyId: string; writtenBy?: string; writtenAt?: string };

/**
 * The console path of the seed's Step 1: the user brings an AccessKey pair. The pair is proven with a signed call,
 * written to alibaba-addon-secret, and the owner's attached policies are checked against what the add-on needs.
 */
export async function manualGrant(opts: { cluster: string; accessKeyId: string; accessKeySecret: string; who: string; replaceExisting: boolean }): Promise<ManualGrantOutcome> {
  const keys = { accessKeyId: opts.accessKeyId, accessKeySecret: opts.accessKeySecret };
  // A signed call that needs no permission: it fails only if the key is unknown, disabled or the secret is wrong. That
  // failure is about what the user typed, so it is said about the input (and nothing is written).
  await callEci("DescribeRegions", {}, defaultRegion(), keys).catch((error: unknown) => {
    const field = KEY_REJECTED[(error as { code?: string }).code ?? ""];
    // A permission refusal proves the pair is genuine; the coverage check below names what it lacks.
    if ((error as { code?: string }).code === "NoPermission" || (error as { code?: string }).code === "Forbidden.RAM") return;
    if (!field) throw error;
    const explained = explainError(error, { principal: "entered", action: "eci:DescribeRegions" });
    throw new InputError(explained.title, { [field]: explained.title }, explained.whatToDo, explained.code);
  });
  const secret = await readAddonSecretInfo(opts.cluster);
  const unchanged = secret.accessKeyId === opts.accessKeyId;
  if (secret.exists && !unchanged && !opts.replaceExisting) {
    return { kind: "needs-confirmation", existingAccessKeyId: maskAccessKeyId(secret.accessKeyId), writtenBy: secret.writtenBy, writtenAt: secret.writtenAt };
  }
  await writeAddonSecret(opts.cluster, keys, opts.who);
  const owner = await findAccessKeyOwner(opts.accessKeyId).catch(() => undefined);
  const coverage = owner
    ? coversAddonNeeds((await attachedPolicies(owner)).map((p) => ({ policyName: p.policyName, policyType: p.policyType as "System" | "Custom", document: p.document })))
    : undefined;
  return { kind: "done", accessKeyId: maskAccessKeyId(opts.accessKeyId), owner, coverage, unchanged };
}
