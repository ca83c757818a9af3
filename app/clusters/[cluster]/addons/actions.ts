"use server";

import { explainError, type UserFacingError } from "@/lib/addon";
import { fail, succeed, type ActionResult } from "@/lib/action-result";
import { installAddon, uninstallAddon } from "@/lib/alicloud/ack-addon";
import { CloudNotConfiguredError } from "@/lib/alicloud/clients";
import { authenticateAction } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record";
import { updateConsoleConfig } from "@/lib/console-config/store";
import { observeAddon } from "@/lib/addon-status/observe";
import { automaticGrant, type AutomaticGrantOutcome } from "@/lib/grant/automatic-grant";
import { manualGrant, type ManualGrantOutcome } from "@/lib/grant/manual-grant";
import { deleteVirtualNode } from "@/lib/k8s/addon-objects";
import { getConsoleCluster } from "@/lib/k8s/clusters";
import { addonOperationSchema, automaticGrantSchema, deleteVirtualNodesSchema, manualGrantSchema } from "./schema";

type Principal = "console" | "addon";

function describe(error: unknown, action: string, principal: Principal = "console"): string {
  if (error instanceof CloudNotConfiguredError) return error.message;
  const explained: UserFacingError = explainError(error, { action, principal });
  return `${explained.title}. ${explained.whatToDo}`;
}

/** Authenticate, validate, find the cluster and its ACK link: the common start of the add-on actions. */
async function begin<T extends { cluster: string }>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string; path: PropertyKey[] }[] } } }, input: unknown, needsLink: boolean) {
  const auth = await authenticateAction();
  if (!auth.ok) return { ok: false, result: fail(auth.error) } as const;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, result: fail(parsed.error.issues[0].message, Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]))) } as const;
  }
  const cluster = await getConsoleCluster(parsed.data.cluster);
  if (!cluster) return { ok: false, result: fail(`No cluster named "${parsed.data.cluster}" in the console's kubeconfig.`) } as const;
  if (needsLink && !cluster.link) return { ok: false, result: fail("Link this cluster to its ACK One registered cluster first (Clusters page → ACK registered cluster).") } as const;
  return { ok: true, who: auth.who, input: parsed.data, link: cluster.link } as const;
}

/** Step 1, automatic: the RAM user, policy and attachment, and an AccessKey written into alibaba-addon-secret. */
export async function grantAutomatically(raw: unknown): Promise<ActionResult<AutomaticGrantOutcome>> {
  const start = await begin(automaticGrantSchema, raw, true);
  if (!start.ok) return start.result;
  const { who, input, link } = start;
  try {
    const outcome = await automaticGrant({ cluster: input.cluster, ackClusterId: link!.ackClusterId, who, replaceExisting: input.replaceExisting, rotate: input.rotate });
    if (outcome.kind === "needs-confirmation") return succeed(outcome, "alibaba-addon-secret already holds another AccessKey: confirm to replace it.");
    const message = outcome.changes.length === 0
      ? `Nothing to change: RAM user ${outcome.userName} has ${outcome.policyName}, and alibaba-addon-secret holds its AccessKey ${outcome.accessKeyId}.`
      : `Ram policy ${outcome.policyName} granted to ram user ${outcome.userName} successfully: ${outcome.changes.join("; ")}.`;
    await recordAudit({ cluster: input.cluster, who, action: input.rotate ? "rotate-access-key" : "grant-ram", target: "secret/alibaba-addon-secret", result: outcome.changes.length ? "succeeded" : "unchanged", message });
    return succeed(outcome, message);
  } catch (error) {
    const message = describe(error, "ram:grant");
    await recordAudit({ cluster: input.cluster, who, action: "grant-ram", target: "secret/alibaba-addon-secret", result: "failed", message });
    return fail(message);
  }
}

/** Step 1, manual: the user's own AccessKey pair, proven and written; says which permissions it lacks. */
export async function grantManually(raw: unknown): Promise<ActionResult<ManualGrantOutcome>> {
  const start = await begin(manualGrantSchema, raw, false);
  if (!start.ok) return start.result;
  const { who, input } = start;
  try {
    const outcome = await manualGrant({ cluster: input.cluster, accessKeyId: input.accessKeyId, accessKeySecret: input.accessKeySecret, who, replaceExisting: input.replaceExisting });
    if (outcome.kind === "needs-confirmation") return succeed(outcome, "alibaba-addon-secret already holds another AccessKey: confirm to replace it.");
    const missing = outcome.coverage?.missing ?? [];
    const message = `AccessKey ${outcome.accessKeyId} written to kube-system/alibaba-addon-secret${outcome.owner ? ` (RAM user ${outcome.owner})` : ""}.` +
      (outcome.coverage ? (missing.length ? ` Missing permissions: attach ${missing.join(", ")} to ${outcome.owner}.` : " Its policies cover what ack-virtual-node needs.") : " Its owner is not a RAM user the console can see, so its permissions could not be checked.");
    await recordAudit({ cluster: input.cluster, who, action: "write-addon-secret", target: "secret/alibaba-addon-secret", result: "succeeded", message });
    return succeed(outcome, message);
  } catch (error) {
    const message = describe(error, "eci:DescribeRegions", "addon");
    await recordAudit({ cluster: input.cluster, who, action: "write-addon-secret", target: "secret/alibaba-addon-secret", result: "failed", message });
    return fail(message);
  }
}

async function runAddonTask(raw: unknown, kind: "install" | "uninstall"): Promise<ActionResult<{ taskId?: string }>> {
  const start = await begin(addonOperationSchema, raw, true);
  if (!start.ok) return start.result;
  const { who, input, link } = start;
  const current = await observeAddon(input.cluster);
  const phase = current?.state.phase;
  if (kind === "install" && (phase === "installed" || phase === "installing")) {
    const message = phase === "installed" ? "ack-virtual-node is already installed: nothing changed." : "An install is already running: follow it here.";
    await recordAudit({ cluster: input.cluster, who, action: "install-addon", target: "addon/ack-virtual-node", result: "unchanged", message });
    return succeed({ taskId: current?.taskId }, message);
  }
  if (kind === "uninstall" && (phase === "not-installed" || phase === "uninstalling")) {
    return succeed({ taskId: current?.taskId }, phase === "not-installed" ? "ack-virtual-node is not installed: nothing to uninstall." : "An uninstall is already running.");
  }
  try {
    const taskId = kind === "install" ? await installAddon(link!.ackClusterId, link!.regionId) : await uninstallAddon(link!.ackClusterId, link!.regionId);
    await updateConsoleConfig((c) => ({ ...c, addonTasks: { ...c.addonTasks, [input.cluster]: { taskId, kind, startedAt: new Date().toISOString() } } }));
    const message = kind === "install" ? `Installing ack-virtual-node (task ${taskId}).` : `Uninstalling ack-virtual-node (task ${taskId}). ECI instances already running are not deleted.`;
    await recordAudit({ cluster: input.cluster, who, action: `${kind}-addon`, target: "addon/ack-virtual-node", result: "succeeded", message });
    return succeed({ taskId }, message);
  } catch (error) {
    const message = describe(error, kind === "install" ? "cs:InstallClusterAddons" : "cs:UnInstallClusterAddons");
    await recordAudit({ cluster: input.cluster, who, action: `${kind}-addon`, target: "addon/ack-virtual-node", result: "failed", message });
    return fail(message);
  }
}

export async function installVirtualNodeAddon(raw: unknown) {
  return runAddonTask(raw, "install");
}

export async function uninstallVirtualNodeAddon(raw: unknown) {
  return runAddonTask(raw, "uninstall");
}

/** `kubectl delete node` for virtual nodes left behind after an uninstall, one or all. */
export async function deleteVirtualNodes(raw: unknown): Promise<ActionResult<{ deleted: string[] }>> {
  const start = await begin(deleteVirtualNodesSchema, raw, false);
  if (!start.ok) return start.result;
  const { who, input } = start;
  const deleted: string[] = [];
  for (const name of input.names) {
    try {
      await deleteVirtualNode(input.cluster, name);
      deleted.push(name);
      await recordAudit({ cluster: input.cluster, who, action: "delete-virtual-node", target: `node/${name}`, result: "succeeded", message: `Deleted virtual node ${name}.` });
    } catch (error) {
      const message = error instanceof Error && error.name === "NotAVirtualNodeError" ? error.message : describe(error, "delete nodes");
      await recordAudit({ cluster: input.cluster, who, action: "delete-virtual-node", target: `node/${name}`, result: "failed", message });
      return fail(`Deleted ${deleted.length ? deleted.join(", ") : "nothing"}; ${name} failed: ${message}`);
    }
  }
  return succeed({ deleted }, `Deleted ${deleted.join(", ")}.`);
}
