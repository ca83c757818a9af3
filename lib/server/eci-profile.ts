import "server-only";
import {
  checkProfile,
  toConfigMapData,
  type EciProfileFields,
  type EciProfileSnapshot,
  type FieldMessage,
  type KnownKey,
  type NetworkFacts,
  type NetworkState,
} from "@/lib/eci-profile";
import { CloudNotConfiguredError, cloudConfigured, defaultRegion } from "@/lib/alicloud/clients";
import { factsForValidation, loadNetworkFacts } from "@/lib/alicloud/network";
import { ConsoleError, InputError, errorSentence, explainError, say, words } from "@/lib/errors";
import { readEciProfile, writeEciProfile } from "@/lib/k8s/eci-profile";
import { currentTranslator } from "@/lib/i18n/locale-context";
import type { ImpersonatedUser } from "@/lib/k8s/api-client";
import type { SpecWithoutSchema } from "./action-runner";
import { eciRegions } from "./cloud";
import { clusterEndpointName, type ConsoleCluster } from "./clusters";

/** The region the cluster's VPC lives in: its ACK link's, else the console's default (a guess the page says). */
export const profileRegion = (cluster: ConsoleCluster) => cluster.link?.regionId ?? defaultRegion();

/** The region's VPCs, vSwitches and security groups for the form's pickers, or why they are not there. */
export async function loadNetworkState(regionId: string): Promise<NetworkState> {
  if (!cloudConfigured()) return { kind: "no-credentials", message: new CloudNotConfiguredError().message };
  try {
    return { kind: "ready", facts: await loadNetworkFacts(regionId) };
  } catch (error) {
    return {
      kind: "error",
      message: say(words("server.eciProfile.networkUnread", { regionId, error: errorSentence(explainError(error, { endpoint: say(words("server.alibabaCloud")) })) })),
    };
  }
}

export type ProfileRead = { ok: true; snapshot?: EciProfileSnapshot } | { ok: false; message: string };

export async function loadEciProfile(cluster: ConsoleCluster, as?: ImpersonatedUser): Promise<ProfileRead> {
  try {
    return { ok: true, snapshot: await readEciProfile(cluster.id, as) };
  } catch (error) {
    return {
      ok: false,
      message: errorSentence(explainError(error, { action: "get configmaps", resource: "kube-system/eci-profile", endpoint: clusterEndpointName(cluster), actingAs: as })),
    };
  }
}

export type SaveOutcome =
  | { kind: "saved"; snapshot: EciProfileSnapshot; warnings: FieldMessage[] }
  | { kind: "unchanged"; snapshot: EciProfileSnapshot }
  /** Someone else changed eci-profile since the form read it; `current` is theirs (absent: it was deleted). */
  | { kind: "conflict"; current?: EciProfileSnapshot };

/** The form's checks (zod + the VPC's real vSwitches and security groups), without writing: saves and dry runs. */
export async function checkEciProfile(cluster: ConsoleCluster, fields: EciProfileFields) {
  if (!cloudConfigured()) {
    throw new ConsoleError({
      code: "CloudNotConfigured",
      title: words("server.eciProfile.cannotCheck"),
      whatToDo: new CloudNotConfiguredError().whatToDoWords,
    });
  }
  const regionId = profileRegion(cluster);
  let facts: NetworkFacts;
  try {
    facts = await factsForValidation(regionId, fields.vSwitchIds, async () => (await eciRegions()) ?? []);
  } catch (error) {
    const explained = explainError(error, { endpoint: say(words("server.alibabaCloud")) });
    throw new ConsoleError({ ...explained, title: words("server.eciProfile.vpcUnread", { regionId }), whatToDo: errorSentence(explained) });
  }
  // Worded in the caller's language: the form shows the server's field messages as they come.
  return checkProfile(fields, facts, currentTranslator());
}

/**
 * Re-checks the form exactly as the browser does (zod + the VPC's real vSwitches and security groups), then writes
 * only the changed keys, preconditioned on the resourceVersion the form was loaded at.
 */
export async function saveEciProfile(cluster: ConsoleCluster, input: { resourceVersion: string; fields: EciProfileFields; forceKeys: KnownKey[] }, as?: ImpersonatedUser) {
  const { fields, resourceVersion } = input;
  const findings = await checkEciProfile(cluster, fields);
  if (findings.errors.length > 0) {
    throw new InputError(words("server.eciProfile.fieldsNeedChange"), Object.fromEntries([...findings.errors].reverse().map((e) => [e.field, e.message])));
  }
  const outcome = await writeEciProfile(cluster.id, resourceVersion, (base) => toConfigMapData(fields, base, { forceKeys: input.forceKeys }), as);
  // The audit record (Activity, Kubernetes Events) stays in English: many people read it.
  const zones = `vSwitchIds ${fields.vSwitchIds.join(",")}, security group ${fields.securityGroupId}`; // i18n-ignore: audit record
  if (outcome.kind === "conflict") {
    const notSaved = outcome.current ? words("server.eciProfile.changedSinceRead", { resourceVersion, current: outcome.current.resourceVersion }) : words("server.eciProfile.gone");
    return {
      data: outcome as SaveOutcome,
      message: words("server.eciProfile.conflict", { notSaved }),
      audit: "failed" as const,
      auditMessage: notSaved,
    };
  }
  if (outcome.kind === "unchanged") {
    return {
      data: outcome as SaveOutcome,
      message: words("server.eciProfile.unchanged"),
      audit: "unchanged" as const,
      auditMessage: `Nothing to change (${zones}).`, // i18n-ignore: audit record
    };
  }
  return {
    data: { kind: "saved", snapshot: outcome.snapshot, warnings: findings.warnings } as SaveOutcome,
    message: words("server.eciProfile.saved"),
    audit: "succeeded" as const,
    auditMessage: `Saved eci-profile: ${zones}.`, // i18n-ignore: audit record
  };
}

export type SaveEciProfileInput = { cluster: string; resourceVersion: string; fields: EciProfileFields; forceKeys: KnownKey[] };

/** The eci-profile save as an action declaration, shared by the settings form and `vnode eci-profile set|edit`. */
export const saveEciProfileSpec: SpecWithoutSchema<SaveEciProfileInput, SaveOutcome> = {
  action: "save-eci-profile",
  // Kubernetes decides: eci-profile is replaced as the person (impersonated), so their RBAC allows or refuses it.
  permission: "view",
  target: () => "configmap/eci-profile",
  fieldsAt: "fields",
  errorContext: () => ({ action: "update configmaps", resource: "kube-system/eci-profile" }),
  run: ({ input, cluster, as }) => saveEciProfile(cluster, input, as),
};
