import type { V1Node } from "@kubernetes/client-node";

/** What the console shows of a node: plain data, safe to send to the browser. */
export interface NodeSummary {
  name: string;
  ready: "Ready" | "NotReady" | "Unknown";
  roles: string[];
  virtual: boolean;
  zone?: string;
  region?: string;
  version?: string;
  internalIP?: string;
  createdAt?: string;
  unschedulable: boolean;
  readyMessage?: string;
}

/** Same ROLES rule as the apiserver's node printer: `node-role.kubernetes.io/<role>` labels, then `kubernetes.io/role`. */
export function nodeRoles(labels: Record<string, string> = {}): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith("node-role.kubernetes.io/")) roles.add(key.slice("node-role.kubernetes.io/".length));
    else if (key === "kubernetes.io/role" && value) roles.add(value);
  }
  return [...roles].filter(Boolean).sort();
}

/** ack-virtual-node labels its nodes `type=virtual-kubelet`. */
export const isVirtualNode = (node: Pick<V1Node, "metadata">) => node.metadata?.labels?.type === "virtual-kubelet";

export function toNodeSummary(node: V1Node): NodeSummary {
  const labels = node.metadata?.labels ?? {};
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const created = node.metadata?.creationTimestamp as unknown;
  return {
    name: node.metadata?.name ?? "",
    // As kubectl prints it: a Ready condition that is False or Unknown (kubelet stopped posting) is NotReady.
    ready: ready?.status === "True" ? "Ready" : ready ? "NotReady" : "Unknown",
    roles: nodeRoles(labels),
    virtual: isVirtualNode(node),
    zone: labels["topology.kubernetes.io/zone"],
    region: labels["topology.kubernetes.io/region"],
    version: node.status?.nodeInfo?.kubeletVersion,
    internalIP: node.status?.addresses?.find((a) => a.type === "InternalIP")?.address,
    createdAt: created instanceof Date ? created.toISOString() : (created as string | undefined),
    unschedulable: Boolean(node.spec?.unschedulable),
    readyMessage: ready?.status === "True" ? undefined : ready?.message,
  };
}
