"use server";

import { revalidatePath } from "next/cache";
import { fail, succeed, type ActionResult } from "@/lib/action-result";
import { authenticateAction } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record";
import { updateConsoleConfig } from "@/lib/console-config/store";
import { kubeConfigFor } from "@/lib/k8s/kubeconfig";
import { linkClusterSchema } from "./schema";

/** Links a kube context to its ACK One registered cluster (ID and region), replacing an automatic match. */
export async function linkCluster(_prev: ActionResult<{ ackClusterId: string }> | null, form: FormData): Promise<ActionResult<{ ackClusterId: string }>> {
  const auth = await authenticateAction();
  if (!auth.ok) return fail(auth.error);
  const { who } = auth;
  const parsed = linkClusterSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return fail("Check the highlighted fields.", Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
  }
  const { context, ackClusterId, regionId } = parsed.data;
  try {
    kubeConfigFor(context);
  } catch (error) {
    return fail((error as Error).message);
  }
  await updateConsoleConfig((c) => ({ ...c, links: { ...c.links, [context]: { ackClusterId, regionId, linkedBy: "user" } } }));
  const message = `${context} is linked to registered cluster ${ackClusterId} in ${regionId}.`;
  await recordAudit({ cluster: context, who, action: "link-cluster", target: `cluster/${context}`, result: "succeeded", message });
  revalidatePath("/clusters");
  return succeed({ ackClusterId }, message);
}
