import "server-only";
import { kubeConfigFor } from "./kubeconfig";
import { getJson } from "./raw-api";
import type { ImpersonatedUser } from "./api-client";
import { isVirtualNode } from "@/lib/node-summary";
import { parseQuantity } from "@/lib/quantity";

export interface ClusterProbe {
  reachable: boolean;
  /** Why the cluster could not be reached (the raw error, for the error module to word; stays on the server). */
  failure?: unknown;
  /** The per-request timeout that applied. */
  timeoutSeconds: number;
  gitVersion?: string;
  major?: number;
  minor?: number;
  region?: string;
  datacenterNodes: { total: number; ready: number; cpuCores: number; memoryGiB: number; pods: number };
  virtualNodes: { total: number; ready: number };
  addonController: "absent" | "ready" | "not-ready";
  addonImage?: string;
  mutatingWebhooksServed: boolean;
  /** Reads Kubernetes refused to the person looking (impersonated), in the apiserver's words: they see less. */
  refusedReads?: string[];
}

const PROBE_TIMEOUT_MS = 5_000;

type DeploymentAnswer = { status?: { readyReplicas?: number }; spec?: { template?: { spec?: { containers?: { image?: string }[] } } } };

type RawNode = { metadata: { labels?: Record<string, string> }; status?: { conditions?: { type: string; status: string }[]; allocatable?: Record<string, string> } };

/**
 * Reads what the Clusters page shows, with short timeouts: an unreachable cluster must not hold the page. `as`: read
 * as that person (impersonated). `signal` (the page's probe pool) may cut it shorter; its reason (a TimeoutError saying
 * after how long) is the failure.
 */
export async function probeCluster(context: string, as?: ImpersonatedUser, signal?: AbortSignal): Promise<ClusterProbe> {
  const kc = kubeConfigFor(context);
  const deadline = () => (signal ? AbortSignal.any([signal, AbortSignal.timeout(PROBE_TIMEOUT_MS)]) : AbortSignal.timeout(PROBE_TIMEOUT_MS));
  const get = <T>(path: string, query?: Record<string, string>) => getJson<T>(kc, path, query, deadline(), as);
  const timeoutSeconds = () => {
    const after = (signal?.reason as { afterMs?: number } | undefined)?.afterMs;
    return typeof after === "number" ? Math.round(after / 100) / 10 : PROBE_TIMEOUT_MS / 1000;
  };
  const empty = {
    datacenterNodes: { total: 0, ready: 0, cpuCores: 0, memoryGiB: 0, pods: 0 },
    virtualNodes: { total: 0, ready: 0 },
    addonController: "absent" as const,
    mutatingWebhooksServed: false,
  };
  let version: { gitVersion: string; major: string; minor: string };
  try {
    version = await get("/version");
  } catch (error) {
    return { reachable: false, failure: error, timeoutSeconds: timeoutSeconds(), ...empty };
  }
  const refusedReads: string[] = [];
  const refused =
    <T>(fallback: T) =>
    (e: { code?: number; message?: string }) => {
      if (e.code !== 403) return Promise.reject(e);
      refusedReads.push(e.message ?? "forbidden");
      return fallback;
    };
  let answers: [{ items: RawNode[] }, DeploymentAnswer | null, { resources: { name: string }[] }];
  try {
    answers = await Promise.all([
      get<{ items: RawNode[] }>("/api/v1/nodes").catch(refused({ items: [] as RawNode[] })),
      get<DeploymentAnswer>("/apis/apps/v1/namespaces/kube-system/deployments/ack-virtual-node-controller").catch((e: { code?: number }) =>
        e.code === 404 ? null : refused(null)(e),
      ),
      get<{ resources: { name: string }[] }>("/apis/admissionregistration.k8s.io/v1").catch(() => ({ resources: [] })),
    ]);
  } catch (error) {
    // It answered /version, then went silent or failed: as unreachable as one that never answered.
    return { reachable: false, failure: error, timeoutSeconds: timeoutSeconds(), ...empty };
  }
  const [nodes, deployment, admission] = answers;
  const result: ClusterProbe = {
    ...empty,
    datacenterNodes: { ...empty.datacenterNodes },
    virtualNodes: { ...empty.virtualNodes },
    reachable: true,
    timeoutSeconds: PROBE_TIMEOUT_MS / 1000,
    gitVersion: version.gitVersion,
    major: Number.parseInt(version.major, 10),
    minor: Number.parseInt(version.minor, 10),
    mutatingWebhooksServed: admission.resources.some((r) => r.name === "mutatingwebhookconfigurations"),
    ...(refusedReads.length ? { refusedReads } : {}),
  };
  for (const node of nodes.items) {
    const ready = node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
    result.region ??= node.metadata.labels?.["topology.kubernetes.io/region"];
    if (isVirtualNode(node as never)) {
      // Virtual capacity is a quota, not hardware: it stays out of the cluster's totals.
      result.virtualNodes.total++;
      if (ready) result.virtualNodes.ready++;
      continue;
    }
    const allocatable = node.status?.allocatable ?? {};
    result.datacenterNodes.total++;
    if (ready) result.datacenterNodes.ready++;
    result.datacenterNodes.cpuCores += parseQuantity(allocatable.cpu ?? "0");
    result.datacenterNodes.memoryGiB += parseQuantity(allocatable.memory ?? "0") / 2 ** 30;
    result.datacenterNodes.pods += parseQuantity(allocatable.pods ?? "0");
  }
  if (deployment) {
    result.addonController = (deployment.status?.readyReplicas ?? 0) > 0 ? "ready" : "not-ready";
    result.addonImage = deployment.spec?.template?.spec?.containers?.[0]?.image;
  }
  return result;
}
