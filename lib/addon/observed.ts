// What the server observed in the cloud and the cluster, as input to deriveAddonState. Every field is
// read fresh on each request (never remembered by the console), so a reload or restart mid-install
// shows the true state. Field names follow @alicloud/cs20151215 (GetClusterAddonInstance, DescribeTaskInfo).

/** GetClusterAddonInstance: state is active | updating | upgrading | deleting. */
export interface ObservedAddonInstance {
  name?: string;
  version?: string;
  state?: string;
}

export type AddonTaskKind = "install" | "uninstall" | "upgrade" | "modify";

/** DescribeTaskInfo of the latest add-on task for the cluster. state: running | success | fail (also failed, canceled). */
export interface ObservedAddonTask {
  taskId: string;
  /** e.g. cluster_addon_install */
  taskType?: string;
  kind: AddonTaskKind;
  state: string;
  currentStage?: string;
  stages?: Array<{ state?: string; message?: string }>;
  error?: { code?: string; message?: string };
  created?: string;
  updated?: string;
}

/** Deployment kube-system/ack-virtual-node-controller. */
export interface ObservedController {
  replicas?: number;
  readyReplicas?: number;
  /** Controller container image; its tag is the version. */
  image?: string;
}

export interface ObservedVirtualNode {
  name: string;
  ready: boolean;
  /** Ready condition message when not ready. */
  message?: string;
}

/** Secret kube-system/alibaba-addon-secret: presence of its keys only, never values. */
export interface ObservedSecret {
  hasAccessKeyId: boolean;
  hasAccessKeySecret: boolean;
}

export interface ObservedAddon {
  /** null: ACK says the add-on is not installed (ErrorAddonInstanceNotFound). */
  instance: ObservedAddonInstance | null;
  /** null: no add-on task known for this cluster. */
  latestTask: ObservedAddonTask | null;
  /** null: the Deployment does not exist (not installed, or controller hosted by ACK). */
  controller: ObservedController | null;
  /** Nodes labelled type=virtual-kubelet. */
  virtualNodes: ObservedVirtualNode[];
  /** null: alibaba-addon-secret does not exist. */
  secret: ObservedSecret | null;
  /** Virtual node names eci-profile's zones should produce (zones.ts expectedVirtualNodeNames), if known. */
  expectedVirtualNodes?: string[];
}

/** Task kind from DescribeTaskInfo's task_type (cluster_addon_install, cluster_addon_uninstall, …). */
export function taskKindOf(taskType: string | undefined): AddonTaskKind | undefined {
  const t = (taskType ?? "").toLowerCase();
  if (t.includes("uninstall") || t.includes("delete")) return "uninstall";
  if (t.includes("upgrade")) return "upgrade";
  if (t.includes("install")) return "install";
  if (t.includes("modify") || t.includes("update")) return "modify";
  return undefined;
}

export type TaskOutcome = "running" | "succeeded" | "failed";

/** DescribeTaskInfo states vary in spelling (fail/failed, success/succeeded); anything unknown that is not finished counts as running. */
export function taskOutcome(state: string): TaskOutcome {
  const s = state.toLowerCase();
  if (s === "success" || s === "succeeded" || s === "successful") return "succeeded";
  if (s === "fail" || s === "failed" || s === "error" || s === "canceled" || s === "cancelled" || s === "timeout") return "failed";
  return "running";
}
