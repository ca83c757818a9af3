import type { PodView } from "@/lib/live/pod-view";
import type { NodeSummary } from "@/lib/node-summary";

/** A Ready node as the live stream sends it. */
export const nodeSummary = (name: string, virtual: boolean): NodeSummary => ({ name, virtual, ready: "Ready", roles: [], unschedulable: false });

/** A Running pod as the live stream sends it (uid = name unless given), on a node or none, with any field replaced. */
export const podView = (name: string, nodeName?: string, fields: Partial<PodView> = {}): PodView => ({
  uid: name,
  name,
  namespace: "default",
  nodeName,
  phase: "Running",
  status: "Running",
  readyContainers: 1,
  totalContainers: 1,
  restarts: 0,
  labels: {},
  ...fields,
});
