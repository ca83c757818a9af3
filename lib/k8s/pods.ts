import "server-only";
import { CoreV1Api, type V1Node, type V1Pod } from "@kubernetes/client-node";
import { apiClient } from "./api-client";

/** Nodes and pods (one namespace or all, optionally by label selector), for the placement view. */
export async function listNodesAndPods(cluster: string, opts: { namespace?: string; labelSelector?: string }): Promise<{ nodes: V1Node[]; pods: V1Pod[] }> {
  const core = apiClient(cluster, CoreV1Api);
  const [nodes, pods] = await Promise.all([
    core.listNode(),
    opts.namespace ? core.listNamespacedPod({ namespace: opts.namespace, labelSelector: opts.labelSelector }) : core.listPodForAllNamespaces({ labelSelector: opts.labelSelector }),
  ]);
  return { nodes: nodes.items, pods: pods.items };
}
