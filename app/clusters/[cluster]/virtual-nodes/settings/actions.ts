"use server";

import { authenticateAction } from "@/lib/auth/session";
import { fail, succeed, type ActionResult } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit/record";
import { CloudNotConfiguredError, cloudConfigured, defaultRegion } from "@/lib/alicloud/clients";
import { describeCloudError, factsForValidation } from "@/lib/alicloud/network";
import { toConfigMapData } from "@/lib/eci-profile";
import { getConsoleCluster } from "@/lib/k8s/clusters";
import { writeEciProfile, type EciProfileSnapshot } from "@/lib/k8s/eci-profile";
import { describeKubeError } from "@/lib/k8s/errors";
import { checkProfile, saveEciProfileSchema, type FieldMessage } from "./schema";

export type SaveOutcome =
  | { kind: "saved"; snapshot: EciProfileSnapshot; warnings: FieldMessage[] }
  | { kind: "unchanged"; snapshot: EciProfileSnapshot }
  /** Someone else changed eci-profile since the form read it; `current` is theirs (absent: it was deleted). */
  | { kind: "conflict"; current?: EciProfileSnapshot };

const TARGET = "configmap/eci-profile";
const APPLIES = "The change applies to ECI pods created from now on; running ECI pods keep their vSwitch and security group.";

/**
 * Saves the eci-profile form: re-checks it exactly as the form does (zod + the VPC's real vSwitches and security
 * groups), then writes only the changed keys, preconditioned on the resourceVersion the form was loaded at.
 */
export async function saveEciProfile(input: unknown): Promise<ActionResult<SaveOutcome>> {
  const auth = await authenticateAction();
  if (!auth.ok) return fail(auth.error);
  const { who } = auth;
  const parsed = saveEciProfileSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) if (issue.path[0] === "fields") fieldErrors[issue.path.slice(1).join(".")] ??= issue.message;
    return fail(Object.keys(fieldErrors).length ? "Some fields need a change before saving; see the messages next to them." : parsed.error.issues[0].message, fieldErrors);
  }
  const { cluster: clusterId, resourceVersion, fields, forceKeys } = parsed.data;
  const cluster = await getConsoleCluster(clusterId).catch(() => undefined);
  if (!cluster) return fail(`No cluster named "${clusterId}" in the console's kubeconfig. Pick one on the Clusters page.`);
  if (!cloudConfigured()) return fail(`The console cannot check the vSwitches and security group against your VPC. ${new CloudNotConfiguredError().message}`);

  const regionId = cluster.link?.regionId ?? defaultRegion();
  let findings;
  try {
    findings = checkProfile(fields, await factsForValidation(regionId, fields.vSwitchIds));
  } catch (error) {
    return fail(`Could not read the VPC's vSwitches and security groups in ${regionId}, so nothing was saved: ${describeCloudError(error)}`);
  }
  if (findings.errors.length > 0) {
    const fieldErrors = Object.fromEntries([...findings.errors].reverse().map((e) => [e.field, e.message]));
    return fail("Some fields need a change before saving; see the messages next to them.", fieldErrors);
  }

  let outcome;
  try {
    outcome = await writeEciProfile(clusterId, resourceVersion, (base) => toConfigMapData(fields, base, { forceKeys }));
  } catch (error) {
    const { message } = describeKubeError(error);
    await recordAudit({ cluster: clusterId, who, action: "save-eci-profile", target: TARGET, result: "failed", message });
    return fail(`Could not save eci-profile: ${message}`);
  }
  const zones = `vSwitchIds ${fields.vSwitchIds.join(",")}, security group ${fields.securityGroupId}`;
  if (outcome.kind === "conflict") {
    const message = outcome.current
      ? `Not saved: eci-profile changed in the cluster since it was read (version ${resourceVersion}, now ${outcome.current.resourceVersion}).`
      : "Not saved: eci-profile no longer exists in the cluster (was ack-virtual-node uninstalled?).";
    await recordAudit({ cluster: clusterId, who, action: "save-eci-profile", target: TARGET, result: "failed", message });
    return succeed<SaveOutcome>(outcome, `${message} Review the other change, then merge or reload.`);
  }
  if (outcome.kind === "unchanged") {
    await recordAudit({ cluster: clusterId, who, action: "save-eci-profile", target: TARGET, result: "unchanged", message: `Nothing to change (${zones}).` });
    return succeed<SaveOutcome>(outcome, "eci-profile already holds these settings; nothing was written.");
  }
  await recordAudit({ cluster: clusterId, who, action: "save-eci-profile", target: TARGET, result: "succeeded", message: `Saved eci-profile: ${zones}.` });
  return succeed<SaveOutcome>({ kind: "saved", snapshot: outcome.snapshot, warnings: findings.warnings }, `Saved eci-profile. ${APPLIES}`);
}
