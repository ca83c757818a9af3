// The ack-virtual-node card's state, derived only from what was observed in the cloud and the cluster.
// A pure function: the same observation always gives the same state, whichever console process asks.
import { explainCloudError, KNOWN_CLOUD_CODES } from "@/lib/errors";
import type { Translator } from "@/lib/i18n/translator";
import { taskOutcome, type AddonTaskKind, type ObservedAddon, type ObservedAddonTask, type ObservedVirtualNode } from "./observed";
import { versionFromImage } from "./version";

export const CONTROLLER_DEPLOYMENT = "kube-system/ack-virtual-node-controller";
export const ADDON_SECRET = "kube-system/alibaba-addon-secret";

export interface TaskProgress {
  taskId?: string;
  kind: AddonTaskKind;
  /** DescribeTaskInfo current_stage. */
  stage?: string;
  completedStages: number;
  totalStages: number;
  startedAt?: string;
}

interface Common {
  readyVirtualNodes: number;
  totalVirtualNodes: number;
  /** Why the add-on is in this phase, when it is not the happy path. */
  reason?: string;
  /** What the user should do next. */
  nextStep?: string;
}

export type AddonState =
  | (Common & { phase: "not-installed"; nextStep: string; leftovers: string[] })
  | (Common & { phase: "installing"; progress: TaskProgress; version?: string })
  | (Common & { phase: "installed"; version?: string; controller: "in-cluster" | "hosted" })
  | (Common & { phase: "degraded"; version?: string; reason: string; nextStep: string; notReadyVirtualNodes: ObservedVirtualNode[]; missingVirtualNodes: string[] })
  | (Common & { phase: "failed"; reason: string; nextStep: string; failedTask?: { taskId: string; kind: AddonTaskKind; errorCode?: string } })
  | (Common & { phase: "uninstalling"; progress: TaskProgress });

export type AddonPhase = AddonState["phase"];

// Codes that only say "the task failed"; the useful cause, if any, is in the message.
const TASK_WRAPPER_CODES = new Set(["ErrorAddonTaskFailed", "ErrorAddonTaskInterrupted"]);

/**
 * `t`: the reader's language (currentTranslator() on the server); the reasons and next steps are shown as they are,
 * by the page and the CLI.
 */
export function deriveAddonState(observed: ObservedAddon, t: Translator): AddonState {
  const grantFirst = t("addons.state.grantFirst");
  const nodes = observed.virtualNodes;
  const counts = { readyVirtualNodes: nodes.filter((n) => n.ready).length, totalVirtualNodes: nodes.length };
  const task = observed.latestTask;
  const outcome = task ? taskOutcome(task.state) : undefined;
  const instanceState = observed.instance?.state?.toLowerCase();
  const version = observed.instance?.version || versionFromImage(observed.controller?.image ?? undefined);
  const secretProblem = describeSecretProblem(observed, t);

  // 1. A task in flight decides the phase, whatever the cluster shows meanwhile.
  if (task && outcome === "running") {
    if (task.kind === "uninstall") return { phase: "uninstalling", ...counts, progress: progressOf(task) };
    return { phase: "installing", ...counts, version, progress: progressOf(task), ...(secretProblem && { reason: secretProblem, nextStep: grantFirst }) };
  }
  if (instanceState === "deleting") return { phase: "uninstalling", ...counts, progress: { kind: "uninstall", completedStages: 0, totalStages: 0 } };
  if (instanceState === "updating" || instanceState === "upgrading")
    return { phase: "installing", ...counts, version, progress: { kind: instanceState === "upgrading" ? "upgrade" : "install", completedStages: 0, totalStages: 0 } };

  // 2. A failed uninstall leaves objects behind whether or not ACK still lists the add-on.
  if (task && outcome === "failed" && task.kind === "uninstall") return failed(task, observed, counts, t);

  // 3. Not installed according to ACK.
  if (!observed.instance) {
    if (task && outcome === "failed" && task.kind !== "modify") return failed(task, observed, counts, t);
    return notInstalled(observed, counts, secretProblem, t);
  }

  // 4. Installed: check the controller, credentials and virtual nodes.
  return installedOrDegraded(observed, counts, version, secretProblem, task && outcome === "failed" ? task : undefined, t);
}

function describeSecretProblem(observed: ObservedAddon, t: Translator): string | undefined {
  if (!observed.secret) return t("addons.state.secretMissing", { secret: ADDON_SECRET });
  const { hasAccessKeyId, hasAccessKeySecret } = observed.secret;
  if (hasAccessKeyId && hasAccessKeySecret) return undefined;
  const missing = !hasAccessKeyId && !hasAccessKeySecret ? "both" : hasAccessKeyId ? "secret" : "id";
  return t("addons.state.secretKeysMissing", { secret: ADDON_SECRET, missing });
}

function progressOf(task: ObservedAddonTask): TaskProgress {
  const stages = task.stages ?? [];
  return {
    taskId: task.taskId,
    kind: task.kind,
    stage: task.currentStage || undefined,
    completedStages: stages.filter((s) => taskOutcome(s.state ?? "") === "succeeded").length,
    totalStages: stages.length,
    startedAt: task.created,
  };
}

function failed(task: ObservedAddonTask, observed: ObservedAddon, counts: Common, t: Translator): AddonState {
  const message = task.error?.message || [...(task.stages ?? [])].reverse().find((s) => s.message)?.message;
  const kind = task.kind === "uninstall" ? "uninstall" : "install";
  const reason = message ? t("addons.state.failedWithMessage", { kind, message }) : t("addons.state.failed", { kind });
  // The task error is usually a wrapper (e.g. ErrorAddonTaskFailed); a cloud code inside its message says more.
  const innerCode = KNOWN_CLOUD_CODES.find((code) => message?.includes(code));
  const advice = explainCloudError({ code: innerCode ?? task.error?.code, message }, { principal: "addon" });
  const secretProblem = describeSecretProblem(observed, t);
  const specificCode = innerCode ?? (task.error?.code && !TASK_WRAPPER_CODES.has(task.error.code) ? task.error.code : undefined);
  let nextStep: string;
  if (specificCode) nextStep = t("addons.state.adviceThenAgain", { advice: advice.whatToDo, kind });
  else if (secretProblem && task.kind !== "uninstall") nextStep = t("addons.state.grantThenInstall", { problem: secretProblem, grantFirst: t("addons.state.grantFirst") });
  else nextStep = t("addons.state.repeat", { kind });
  return { phase: "failed", ...counts, reason, nextStep, failedTask: { taskId: task.taskId, kind: task.kind, errorCode: innerCode ?? task.error?.code } };
}

function notInstalled(observed: ObservedAddon, counts: Common, secretProblem: string | undefined, t: Translator): AddonState {
  const leftovers = [...(observed.controller ? [`Deployment ${CONTROLLER_DEPLOYMENT}`] : []), ...observed.virtualNodes.map((n) => `Node ${n.name}`)];
  if (leftovers.length > 0) {
    const nodeNames = observed.virtualNodes.map((n) => n.name);
    return {
      phase: "not-installed",
      ...counts,
      leftovers,
      reason: t("addons.state.leftovers", { objects: leftovers.join(", ") }),
      nextStep: nodeNames.length ? t("addons.state.leftoverNodesNext", { names: nodeNames.join(" ") }) : t("addons.state.leftoverControllerNext"),
    };
  }
  if (secretProblem) return { phase: "not-installed", ...counts, leftovers, reason: secretProblem, nextStep: t("addons.state.grantFirst") };
  return { phase: "not-installed", ...counts, leftovers, nextStep: t("addons.state.installNext") };
}

function installedOrDegraded(
  observed: ObservedAddon,
  counts: Common,
  version: string | undefined,
  secretProblem: string | undefined,
  failedTask: ObservedAddonTask | undefined,
  t: Translator,
): AddonState {
  const problems: Array<{ reason: string; nextStep: string }> = [];
  const controller = observed.controller;
  // Without an in-cluster Deployment, ACK hosts the controller (registered over a private network) and the Secret step is optional.
  if (controller && secretProblem) problems.push({ reason: secretProblem, nextStep: t("addons.state.grantThenRestart", { grantFirst: t("addons.state.grantFirst") }) });
  if (controller && (controller.readyReplicas ?? 0) === 0)
    problems.push({
      reason: t("addons.state.noReadyReplica", { replicas: controller.replicas ?? 1 }),
      nextStep: t("addons.state.checkControllerPods"),
    });

  const notReady = observed.virtualNodes.filter((n) => !n.ready);
  const present = new Set(observed.virtualNodes.map((n) => n.name));
  const missing = (observed.expectedVirtualNodes ?? []).filter((name) => !present.has(name));
  if (observed.virtualNodes.length === 0)
    problems.push({
      reason: t("addons.state.noVirtualNode"),
      nextStep: t("addons.state.waitAfterInstall"),
    });
  if (notReady.length > 0)
    problems.push({
      reason: t("addons.state.notReady", { nodes: notReady.map((n) => `${n.name}${n.message ? ` (${n.message})` : ""}`).join("; ") }),
      nextStep: t("addons.state.notReadyNext"),
    });
  if (missing.length > 0 && observed.virtualNodes.length > 0)
    problems.push({
      reason: t("addons.state.missingNodes", { names: missing.join(", ") }),
      nextStep: t("addons.state.missingNodesNext"),
    });

  if (problems.length > 0)
    return {
      phase: "degraded",
      ...counts,
      version,
      reason: problems.map((p) => p.reason).reduce((first, rest) => t("addons.state.problems", { first, rest })),
      nextStep: problems[0].nextStep,
      notReadyVirtualNodes: notReady,
      missingVirtualNodes: missing,
    };
  const lastFailure = !failedTask
    ? undefined
    : failedTask.error?.message
      ? t("addons.state.lastTaskFailedWithMessage", { kind: failedTask.kind, taskId: failedTask.taskId, message: failedTask.error.message })
      : t("addons.state.lastTaskFailed", { kind: failedTask.kind, taskId: failedTask.taskId });
  return { phase: "installed", ...counts, version, controller: controller ? "in-cluster" : "hosted", ...(lastFailure && { reason: lastFailure }) };
}
