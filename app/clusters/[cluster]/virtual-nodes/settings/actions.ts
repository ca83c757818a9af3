"use server";

import { saveEciProfile as save, type SaveOutcome } from "@/lib/server/eci-profile";
import { defineAction } from "@/lib/server/guard";
import { saveEciProfileSchema } from "./schema";

export type { SaveOutcome };

/**
 * Saves the eci-profile form: re-checked exactly as the form does (zod + the VPC's real vSwitches and security
 * groups), written only where changed, preconditioned on the resourceVersion the form was loaded at.
 */
export const saveEciProfile = defineAction({
  action: "save-eci-profile",
  // Kubernetes decides: eci-profile is replaced as the person (impersonated), so their RBAC allows or refuses it.
  permission: "view",
  schema: saveEciProfileSchema,
  target: () => "configmap/eci-profile",
  fieldsAt: "fields",
  errorContext: () => ({ action: "update configmaps", resource: "kube-system/eci-profile" }),
  run: ({ input, cluster, as }) => save(cluster, input, as),
});
