/** What the console shows of a pod: a small, plain projection (no spec, no managedFields) safe for the browser. */
export interface PodView {
  uid: string;
  name: string;
  namespace: string;
  nodeName?: string;
  phase: string;
  /** kubectl's STATUS column: ContainerCreating, Running, Terminating, ... */
  status: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  podIP?: string;
  eciInstanceId?: string;
  labels: Record<string, string>;
  createdAt?: string;
  message?: string;
}

interface RawPod {
  metadata: {
    uid: string;
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string | Date;
    deletionTimestamp?: unknown;
  };
  spec?: { nodeName?: string; containers?: unknown[] };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    containerStatuses?: { ready?: boolean; restartCount?: number; state?: { running?: unknown; waiting?: { reason?: string }; terminated?: { reason?: string } } }[];
  };
}

export const ECI_INSTANCE_ANNOTATION = "k8s.aliyun.com/eci-instance-id";

/** The STATUS column as the apiserver's pod printer computes it (reason, container waiting/terminated, Terminating). */
export function podStatusText(pod: RawPod): string {
  let status = pod.status?.reason || pod.status?.phase || "Unknown";
  for (const cs of pod.status?.containerStatuses ?? []) {
    if (cs.state?.waiting?.reason) status = cs.state.waiting.reason;
    else if (cs.state?.terminated?.reason) status = cs.state.terminated.reason;
  }
  const terminal = pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
  if (pod.metadata.deletionTimestamp && !terminal) status = "Terminating";
  return status;
}

export function toPodView(pod: RawPod): PodView {
  const containers = pod.status?.containerStatuses ?? [];
  const created = pod.metadata.creationTimestamp;
  const unhappy = pod.status?.conditions?.find((c) => c.status === "False" && c.message);
  return {
    uid: pod.metadata.uid,
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? "",
    nodeName: pod.spec?.nodeName,
    phase: pod.status?.phase ?? "Pending",
    status: podStatusText(pod),
    readyContainers: containers.filter((c) => c.ready && c.state?.running).length,
    totalContainers: pod.spec?.containers?.length ?? containers.length,
    restarts: containers.reduce((sum, c) => sum + (c.restartCount ?? 0), 0),
    podIP: pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP,
    eciInstanceId: pod.metadata.annotations?.[ECI_INSTANCE_ANNOTATION],
    labels: pod.metadata.labels ?? {},
    createdAt: created instanceof Date ? created.toISOString() : created,
    message: unhappy?.message,
  };
}
