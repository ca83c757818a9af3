"use server";

import { authenticateAction } from "@/lib/auth/session";
import { fail, succeed, type ActionResult } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit/record";
import { describeKubeError } from "@/lib/k8s/errors";
import { kubeConfigFor } from "@/lib/k8s/kubeconfig";
import { setNamespaceLabel } from "@/lib/k8s/namespaces";
import { ECI_LABEL } from "@/lib/live/namespace-view";
import { namespaceEciSchema } from "./schema";

/** Labels (or unlabels) a namespace `alibabacloud.com/eci=true`, so its new pods go to virtual nodes. */
export async function setNamespaceEci(input: unknown): Promise<ActionResult<{ namespace: string; enabled: boolean }>> {
  const auth = await authenticateAction();
  if (!auth.ok) return fail(auth.error);
  const { who } = auth;
  const parsed = namespaceEciSchema.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0].message);
  const { cluster, namespace, enabled } = parsed.data;
  try {
    kubeConfigFor(cluster);
  } catch (error) {
    return fail((error as Error).message);
  }
  const action = enabled ? "label-namespace-eci" : "unlabel-namespace-eci";
  try {
    await setNamespaceLabel(cluster, namespace, ECI_LABEL, enabled ? "true" : null);
  } catch (error) {
    const { message } = describeKubeError(error);
    await recordAudit({ cluster, who, action, target: `namespace/${namespace}`, result: "failed", message });
    return fail(`Could not change namespace ${namespace}: ${message}`);
  }
  const message = enabled
    ? `New pods in ${namespace} now go to virtual nodes (ECI). Running pods stay where they are.`
    : `New pods in ${namespace} stay on data-center nodes. Running ECI pods stay where they are.`;
  await recordAudit({ cluster, who, action, target: `namespace/${namespace}`, result: "succeeded", message });
  return succeed({ namespace, enabled }, message);
}
