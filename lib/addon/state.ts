// The ack-virtual-node card's state, derived only from what was observed in the cloud and the cluster.
// A pure function: the same observation always gives the same state, whichever console process asks.
import { explainCloudError, KNOWN_CLOUD_CODES } from "@/lib/errors";
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

const GRANT_FIRST = "Grant RAM permissions first: it creates the add-on's RAM user and writes its AccessKey into alibaba-addon-secret.";

export function deriveAddonState(observed: ObservedAddon): AddonState {
  const nodes = observed.virtualNodes;
  const counts = { readyVirtualNodes: nodes.filter((n) => n.ready).length, totalVirtualNodes: nodes.length };
  const task = observed.latestTask;
  const outcome = task ? taskOutcome(task.state) : undefined;
  const instanceState = observed.instance?.state?.toLowerCase();
  const version = observed.instance?.version || versionFromImage(observed.controller?.image ?? undefined);
  const secretProblem = describeSecretProblem(observed);

  // 1. A task in flight decides the phase, whatever the cluster shows meanwhile.
  if (task && outcome === "running") {
    if (task.kind === "uninstall") return { phase: "uninstalling", ...counts, progress: progressOf(task) };
    return { phase: "installing", ...counts, version, progress: progressOf(task), ...(secretProblem && { reason: secretProblem, nextStep: GRANT_FIRST }) };
  }
  if (instanceState === "deleting") return { phase: "uninstalling", ...counts, progress: { kind: "uninstall", completedStages: 0, totalStages: 0 } };
  if (instanceState === "updating" || instanceState === "upgrading")
    return { phase: "installing", ...counts, version, progress: { kind: instanceState === "upgrading" ? "upgrade" : "install", completedStages: 0, totalStages: 0 } };

  // 2. A failed uninstall leaves objects behind whether or not ACK still lists the add-on.
  if (task && outcome === "failed" && task.kind === "uninstall") return failed(task, observed, counts, "Uninstalling ack-virtual-node failed");

  // 3. Not installed according to ACK.
  if (!observed.instance) {
    if (task && outcome === "failed" && task.kind !== "modify") return failed(task, observed, counts, "Installing ack-virtual-node failed");
    return notInstalled(observed, counts, secretProblem);
  }

  // 4. Installed: check the controller, credentials and virtual nodes.
  return installedOrDegraded(observed, counts, version, secretProblem, task && outcome === "failed" ? task : undefined);
}

function describeSecretProblem(observed: ObservedAddon): string | undefined {
  if (!observed.secret) return `${ADDON_SECRET} does not exist, so the add-on has no AccessKey to call ECI with`;
  const missing = [!observed.secret.hasAccessKeyId && "access-key-id", !observed.secret.hasAccessKeySecret && "access-key-secret"].filter(Boolean);
  return missing.length ? `${ADDON_SECRET} has no ${missing.join(" or ")}` : undefined;
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

function failed(task: ObservedAddonTask, observed: ObservedAddon, counts: Common, what: string): AddonState {
  const message = task.error?.message || [...(task.stages ?? [])].reverse().find((s) => s.message)?.message;
  const reason = `${what}${message ? `: ${message}` : ""}`;
  // The task error is usually a wrapper (e.g. ErrorAddonTaskFailed); a cloud code inside its message says more.
  const innerCode = KNOWN_CLOUD_CODES.find((code) => message?.includes(code));
  const advice = explainCloudError({ code: innerCode ?? task.error?.code, message }, { principal: "addon" });
  const secretProblem = describeSecretProblem(observed);
  const verb = task.kind === "uninstall" ? "uninstall" : "install";
  const specificCode = innerCode ?? (task.error?.code && !TASK_WRAPPER_CODES.has(task.error.code) ? task.error.code : undefined);
  let nextStep: string;
  if (specificCode) nextStep = `${advice.whatToDo} Then ${verb} again.`;
  else if (secretProblem && task.kind !== "uninstall") nextStep = `${secretProblem}. ${GRANT_FIRST} Then install again.`;
  else nextStep = `${verb === "install" ? "Install" : "Uninstall"} again: the step is safe to repeat. If it keeps failing, check ack-cluster-agent in kube-system.`;
  return { phase: "failed", ...counts, reason, nextStep, failedTask: { taskId: task.taskId, kind: task.kind, errorCode: innerCode ?? task.error?.code } };
}

function notInstalled(observed: ObservedAddon, counts: Common, secretProblem: string | undefined): AddonState {
  const leftovers = [...(observed.controller ? [`Deployment ${CONTROLLER_DEPLOYMENT}`] : []), ...observed.virtualNodes.map((n) => `Node ${n.name}`)];
  if (leftovers.length > 0) {
    const nodeNames = observed.virtualNodes.map((n) => n.name);
    return {
      phase: "not-installed",
      ...counts,
      leftovers,
      reason: `ACK does not list ack-virtual-node for this cluster, but the cluster still has ${leftovers.join(", ")} (left from an earlier install, or installed outside ACK)`,
      nextStep: nodeNames.length
        ? `Install again to take them over, or remove them: kubectl delete node ${nodeNames.join(" ")}`
        : `Install again to take it over, or remove it: kubectl -n kube-system delete deployment ack-virtual-node-controller`,
    };
  }
  if (secretProblem) return { phase: "not-installed", ...counts, leftovers, reason: secretProblem, nextStep: GRANT_FIRST };
  return { phase: "not-installed", ...counts, leftovers, nextStep: "Install ack-virtual-node." };
}

function installedOrDegraded(
  observed: ObservedAddon,
  counts: Common,
  version: string | undefined,
  secretProblem: string | undefined,
  failedTask: ObservedAddonTask | undefined,
): AddonState {
  const problems: Array<{ reason: string; nextStep: string }> = [];
  const controller = observed.controller;
  // Without an in-cluster Deployment, ACK hosts the controller (registered over a private network) and the Secret step is optional.
  if (controller && secretProblem) problems.push({ reason: secretProblem, nextStep: `${GRANT_FIRST} The controller picks the Secret up when it restarts.` });
  if (controller && (controller.readyReplicas ?? 0) === 0)
    problems.push({
      reason: `The controller has no ready replica (0/${controller.replicas ?? 1})`,
      nextStep: "Check the controller pods: kubectl -n kube-system describe deployment ack-virtual-node-controller, and their logs.",
    });

  const notReady = observed.virtualNodes.filter((n) => !n.ready);
  const present = new Set(observed.virtualNodes.map((n) => n.name));
  const missing = (observed.expectedVirtualNodes ?? []).filter((name) => !present.has(name));
  if (observed.virtualNodes.length === 0)
    problems.push({
      reason: "No virtual node is registered yet",
      nextStep: "Wait a minute after install; if none appears, check the eci-profile vSwitches and the controller logs.",
    });
  if (notReady.length > 0)
    problems.push({
      reason: `Virtual nodes not Ready: ${notReady.map((n) => `${n.name}${n.message ? ` (${n.message})` : ""}`).join("; ")}`,
      nextStep:
        "Pods cannot start on these nodes. Check the controller is running and its AccessKey is valid (the messages above say which); grant RAM permissions again if the AccessKey was rejected.",
    });
  if (missing.length > 0 && observed.virtualNodes.length > 0)
    problems.push({
      reason: `No virtual node yet for ${missing.join(", ")}`,
      nextStep: "Check that these zones' vSwitches in eci-profile exist and are in zones ECI supports.",
    });

  if (problems.length > 0)
    return {
      phase: "degraded",
      ...counts,
      version,
      reason: problems.map((p) => p.reason).join(". "),
      nextStep: problems[0].nextStep,
      notReadyVirtualNodes: notReady,
      missingVirtualNodes: missing,
    };
  const lastFailure = failedTask
    ? `The last ${failedTask.kind} task ${failedTask.taskId} failed${failedTask.error?.message ? `: ${failedTask.error.message}` : ""}, but the add-on is running`
    : undefined;
  return { phase: "installed", ...counts, version, controller: controller ? "in-cluster" : "hosted", ...(lastFailure && { reason: lastFailure }) };
}
