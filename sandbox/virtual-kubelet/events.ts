// Kubernetes Events from the simulated controller (source "virtual-kubelet"), so `kubectl describe` says why.
import { randomBytes } from "node:crypto";
import { CoreV1Api, type KubeConfig, type V1ObjectReference } from "@kubernetes/client-node";
import { apiErrorMessage } from "../kubelet/api-error";
import { nowIso } from "../kubelet/time";

export type EventType = "Normal" | "Warning";

export class EventRecorder {
  private core: CoreV1Api;
  /** Last event per object and reason: the same message again within a minute is not repeated. */
  private recent = new Map<string, { message: string; at: number }>();

  constructor(
    kubeConfig: KubeConfig,
    private readonly host: string,
    private readonly log: (line: string) => void,
  ) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  /** Events of cluster-scoped objects (Nodes) go to namespace default, as the kubelet's do. */
  emit(object: V1ObjectReference, type: EventType, reason: string, message: string) {
    const id = `${object.kind}/${object.namespace ?? ""}/${object.name}/${reason}`;
    const last = this.recent.get(id);
    if (last && last.message === message && Date.now() - last.at < 60_000) return;
    this.recent.set(id, { message, at: Date.now() });
    const namespace = object.namespace ?? "default";
    const now = nowIso();
    this.core
      .createNamespacedEvent({
        namespace,
        body: {
          metadata: { name: `${object.name}.${randomBytes(8).toString("hex")}`, namespace },
          involvedObject: object,
          type,
          reason,
          message,
          source: { component: "virtual-kubelet", host: this.host },
          reportingComponent: "virtual-kubelet",
          reportingInstance: this.host,
          firstTimestamp: now as never,
          lastTimestamp: now as never,
          count: 1,
        },
      })
      .catch((error) => this.log(`event ${reason} on ${object.kind} ${object.name}: ${apiErrorMessage(error)}`));
  }
}
