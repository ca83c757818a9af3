import "server-only";
import { AdmissionregistrationV1Api, AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import type { ObservedController, ObservedVirtualNode } from "@/lib/addon";
import { ConsoleError, words } from "@/lib/errors";
import { apiClient, type ImpersonatedUser } from "./api-client";

/** Deployment kube-system/ack-virtual-node-controller; null when absent. */
export async function readAddonController(cluster: string, as?: ImpersonatedUser): Promise<ObservedController | null> {
  const apps = apiClient(cluster, AppsV1Api, { as });
  try {
    const d = await apps.readNamespacedDeployment({ name: "ack-virtual-node-controller", namespace: "kube-system" });
    return { replicas: d.spec?.replicas, readyReplicas: d.status?.readyReplicas ?? 0, image: d.spec?.template.spec?.containers[0]?.image };
  } catch (error) {
    if ((error as { code?: number }).code === 404) return null;
    throw error;
  }
}

/**
 * The nodes as the add-on card needs them, from one LIST: the virtual nodes with their readiness, and the data-center
 * nodes' ExternalIP addresses (the best guess of where the cluster's calls to the cloud come from).
 */
export async function readAddonNodes(cluster: string, as?: ImpersonatedUser): Promise<{ virtualNodes: ObservedVirtualNode[]; externalAddresses: string[] }> {
  const { items } = await apiClient(cluster, CoreV1Api, { as }).listNode();
  const isVirtual = (n: (typeof items)[number]) => n.metadata?.labels?.type === "virtual-kubelet";
  const virtualNodes = items.filter(isVirtual).map((n) => {
    const ready = n.status?.conditions?.find((c) => c.type === "Ready");
    return { name: n.metadata!.name!, ready: ready?.status === "True", message: ready?.status === "True" ? undefined : ready?.message };
  });
  const externalAddresses = [
    ...new Set(items.filter((n) => !isVirtual(n)).flatMap((n) => (n.status?.addresses ?? []).filter((a) => a.type === "ExternalIP").map((a) => a.address))),
  ].sort();
  return { virtualNodes, externalAddresses };
}

export class NotAVirtualNodeError extends ConsoleError {
  constructor(name: string) {
    super({
      code: "NotAVirtualNode",
      title: words("server.kube.notVirtual.title", { name }),
      whatToDo: words("server.kube.notVirtual.whatToDo"),
    });
  }
}

/** `kubectl delete node` for a virtual node; refuses any node that is not one. */
export async function deleteVirtualNode(cluster: string, name: string) {
  const core = apiClient(cluster, CoreV1Api);
  const node = await core.readNode({ name });
  if (node.metadata?.labels?.type !== "virtual-kubelet") throw new NotAVirtualNodeError(name);
  await core.deleteNode({ name });
}

/** The controller's recent Warning Events (newest first): why virtual nodes are missing or NotReady, in its words. */
export async function recentControllerWarnings(cluster: string, withinMs = 10 * 60_000, as?: ImpersonatedUser): Promise<string[]> {
  const core = apiClient(cluster, CoreV1Api, { as });
  const { items } = await core.listNamespacedEvent({ namespace: "kube-system", fieldSelector: "involvedObject.name=ack-virtual-node-controller,type=Warning" });
  const time = (e: (typeof items)[number]) => new Date((e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0) as Date).getTime();
  return items
    .filter((e) => Date.now() - time(e) < withinMs)
    .sort((a, b) => time(b) - time(a))
    .map((e) => `${e.reason}: ${e.message}`)
    .filter((m, i, all) => all.indexOf(m) === i)
    .slice(0, 3);
}

const CONTROLLER = { name: "ack-virtual-node-controller", namespace: "kube-system" } as const;

/**
 * `kubectl rollout restart` of the add-on's controller: its pods read the AccessKey from env `secretKeyRef` only when
 * they start, so a new key in alibaba-addon-secret reaches the controller only through new pods.
 */
export async function restartAddonController(cluster: string): Promise<boolean> {
  const apps = apiClient(cluster, AppsV1Api);
  try {
    await apps.patchNamespacedDeployment(
      { ...CONTROLLER, body: { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": new Date().toISOString() } } } } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return false;
    throw error;
  }
}

export interface RolloutState {
  /** Every replica runs the newest template and is available, and no pod of an older template is left. */
  complete: boolean;
  replicas: number;
  updated: number;
  available: number;
  /** Why it cannot progress, from the Deployment's Progressing condition (e.g. ProgressDeadlineExceeded). */
  stuck?: string;
}

/** What `kubectl rollout status` looks at. */
export async function readControllerRollout(cluster: string): Promise<RolloutState> {
  const d = await apiClient(cluster, AppsV1Api).readNamespacedDeployment(CONTROLLER);
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const progressing = s.conditions?.find((c) => c.type === "Progressing");
  return {
    complete:
      (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && (s.updatedReplicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.replicas ?? 0) === want,
    replicas: want,
    updated: s.updatedReplicas ?? 0,
    available: s.availableReplicas ?? 0,
    stuck: progressing?.status === "False" ? `${progressing.reason}: ${progressing.message}` : undefined,
  };
}

/** ack-virtual-node's MutatingWebhookConfiguration vk-webhook (it sends labelled pods to virtual nodes), or null. */
export async function readAddonWebhook(cluster: string): Promise<{ webhooks: number; service?: string } | null> {
  try {
    const config = await apiClient(cluster, AdmissionregistrationV1Api).readMutatingWebhookConfiguration({ name: "vk-webhook" });
    const service = config.webhooks?.[0]?.clientConfig.service;
    return { webhooks: config.webhooks?.length ?? 0, service: service && `${service.namespace}/${service.name}` };
  } catch (error) {
    if ((error as { code?: number }).code === 404) return null;
    throw error;
  }
}
