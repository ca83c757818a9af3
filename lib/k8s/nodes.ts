import "server-only";
import { CoreV1Api } from "@kubernetes/client-node";
import { loadKubeConfig } from "./kubeconfig";
import { toNodeSummary, type NodeSummary } from "@/lib/node-summary";

export async function listNodeSummaries(): Promise<NodeSummary[]> {
  const { items } = await loadKubeConfig().makeApiClient(CoreV1Api).listNode();
  return items.map(toNodeSummary);
}
