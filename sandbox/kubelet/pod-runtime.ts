import { CoreV1Api, type KubeConfig, makeInformer, PatchStrategy, setHeaderOptions, type V1Pod } from "@kubernetes/client-node";
import { apiErrorMessage } from "./api-error";
import { ContainerConfigError, resolvePodEnv } from "./container-env";
import { keepInformerRunning } from "./resilient-informer";
import { nowIso } from "./time";
import { WorkQueue } from "./work-queue";

/** What differs between the node kinds a runtime serves: where a pod's IP comes from, and what else starting it does. */
export interface PodHost {
  owns(nodeName: string): boolean;
  /**
   * Called once per pod to start; throwing leaves the pod ContainerCreating with the error as its message, and the
   * runtime tries again later. `conditions` are extra pod conditions merged into the Running status.
   */
  start(pod: V1Pod): Promise<{ podIP: string; hostIP: string; annotations?: Record<string, string>; conditions?: object[] }>;
  /** Optional: called before a deleted pod is finalized (stop its sandbox); throwing keeps it Terminating and retries. */
  stop?(pod: V1Pod): Promise<void>;
  /** Called when a pod this host started is gone (deleted, or finalized by the runtime). */
  release(pod: V1Pod): void;
  /** Called for pods found Running at start-up, so the host can account for their IPs. */
  adopt(pod: V1Pod): void;
}

const strategicMerge = setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch);
const CREATING_MS = 300;
const RETRY_MS = 2_000;

const isTerminal = (pod: V1Pod) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
const key = (pod: V1Pod) => `${pod.metadata!.namespace}/${pod.metadata!.name}`;

function containerStatuses(pod: V1Pod, running: boolean, now: string, waiting: { reason: string; message?: string } = { reason: "ContainerCreating" }) {
  return (pod.spec?.containers ?? []).map((c, i) => ({
    name: c.name,
    image: c.image ?? "",
    imageID: running ? `sandbox://image/${c.image}` : "",
    containerID: running ? `containerd://${pod.metadata!.uid!.replace(/-/g, "")}${i}` : undefined,
    ready: running,
    started: running,
    restartCount: 0,
    state: running ? { running: { startedAt: now } } : { waiting },
  }));
}

function initContainerStatuses(pod: V1Pod, now: string) {
  return (pod.spec?.initContainers ?? []).map((c) => ({
    name: c.name,
    image: c.image ?? "",
    imageID: `sandbox://image/${c.image}`,
    ready: true,
    restartCount: 0,
    state: { terminated: { exitCode: 0, reason: "Completed", startedAt: now, finishedAt: now } },
  }));
}

function conditions(running: boolean, now: string, message?: string) {
  const ready = running ? "True" : "False";
  const reason = running ? undefined : "ContainersNotReady";
  return [
    { type: "PodReadyToStartContainers", status: ready, lastTransitionTime: now },
    { type: "Initialized", status: "True", lastTransitionTime: now },
    { type: "Ready", status: ready, reason, message, lastTransitionTime: now },
    { type: "ContainersReady", status: ready, reason, message, lastTransitionTime: now },
  ];
}

/**
 * Plays the kubelet and container runtime for the pods bound to the nodes a `PodHost` owns, as kwok does:
 * ContainerCreating, then Running and Ready with an IP; a deleted pod is finalized with grace period 0 and a UID
 * precondition, as the kubelet's status manager does.
 */
export class PodRuntime {
  private core: CoreV1Api;
  private informer;
  private cache;
  private queue: WorkQueue;
  private stopped = false;
  private started = new Set<string>(); // pod UIDs this runtime has started or adopted
  private networks = new Map<string, Awaited<ReturnType<PodHost["start"]>>>(); // started, not yet reported Running

  constructor(
    kubeConfig: KubeConfig,
    private readonly host: PodHost,
    log: (line: string) => void,
    /**
     * Pods started or finalized at once: the kubelet's pod workers run in parallel, one per pod. Most of a start is
     * the simulated ContainerCreating pause, so 48 keep 10,000 pods (or a 1,000-pod ECI burst) from queueing behind
     * it; the apiserver's writes are the limit, not this process.
     */
    concurrency = 48,
  ) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.queue = new WorkQueue(concurrency, (k, e) => log(`pod ${k}: ${apiErrorMessage(e)}`));
    const informer = makeInformer<V1Pod>(kubeConfig, "/api/v1/pods", () => this.core.listPodForAllNamespaces());
    informer.on("add", (pod) => this.reconcile(pod));
    informer.on("update", (pod) => this.reconcile(pod));
    informer.on("delete", (pod) => this.forget(pod));
    this.cache = informer;
    this.informer = keepInformerRunning(informer, (line) => log(`pods: ${line}`));
  }

  start() {
    return this.informer.start();
  }

  /**
   * Stops watching, drops the pods not yet started, and waits for the starts and finalizes in flight, so a runtime
   * that takes over the same nodes (a new controller leader) finds every pod either untouched or fully started.
   */
  async stop() {
    this.stopped = true;
    await this.informer.stop();
    await this.queue.drain();
  }

  /** After a failed start or finalize: forget the attempt and reconcile the pod's latest state again. */
  private retryLater(pod: V1Pod) {
    const { name, namespace, uid } = pod.metadata as { name: string; namespace: string; uid: string };
    setTimeout(() => {
      this.started.delete(uid);
      const latest = this.cache.get(name, namespace);
      if (!this.stopped && latest?.metadata?.uid === uid) this.reconcile(latest);
    }, RETRY_MS).unref();
  }

  private reconcile(pod: V1Pod) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || !this.host.owns(nodeName)) return;
    const uid = pod.metadata!.uid!;
    if (pod.metadata?.deletionTimestamp) {
      this.queue.add(key(pod), () => this.finalize(pod));
    } else if (isTerminal(pod)) {
      return;
    } else if (pod.status?.phase === "Running" && !this.started.has(uid)) {
      this.started.add(uid);
      this.host.adopt(pod);
      // After a restart, as a kubelet does: pods the node controller marked NotReady while we were away are Ready again.
      const ready = pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True");
      if (!ready) this.queue.add(key(pod), () => this.markReady(pod));
    } else if (pod.status?.phase === "Pending" && !this.started.has(uid)) {
      this.started.add(uid);
      this.queue.add(key(pod), () => this.run(pod));
    }
  }

  private forget(pod: V1Pod) {
    this.networks.delete(pod.metadata!.uid!);
    if (this.started.delete(pod.metadata!.uid!)) this.host.release(pod);
  }

  private async patchStatus(pod: V1Pod, status: object, annotations?: Record<string, string>) {
    const { name, namespace } = pod.metadata as { name: string; namespace: string };
    if (annotations) await this.core.patchNamespacedPod({ name, namespace, body: { metadata: { annotations } } }, strategicMerge);
    await this.core.patchNamespacedPodStatus({ name, namespace, body: { status } }, strategicMerge);
  }

  private async run(pod: V1Pod) {
    try {
      await this.startPod(pod);
    } catch (error) {
      // Any step may fail under load (a patch timing out, the cloud refusing): retry later, as the kubelet's pod
      // workers do. The network a host already gave the pod is kept, so a retry never asks for a second one.
      this.retryLater(pod);
      throw error;
    }
  }

  private async startPod(pod: V1Pod) {
    const uid = pod.metadata!.uid!;
    // As the kubelet does before creating the containers: build their environment. A Secret/ConfigMap reference that
    // does not resolve (and is not optional) leaves the pod Pending in CreateContainerConfigError; it is retried.
    try {
      await resolvePodEnv(this.core, pod);
    } catch (error) {
      if (!(error instanceof ContainerConfigError)) throw error;
      const now = nowIso();
      await this.patchStatus(pod, {
        phase: "Pending",
        startTime: pod.status?.startTime ?? now,
        conditions: conditions(false, now, `containers with unready status: [${(pod.spec?.containers ?? []).map((c) => c.name).join(" ")}]`),
        containerStatuses: containerStatuses(pod, false, now, { reason: error.reason, message: error.message }),
      });
      throw new Error(`${error.reason}: ${error.message}`);
    }
    const startTime = nowIso();
    await this.patchStatus(pod, {
      phase: "Pending",
      startTime,
      conditions: conditions(false, startTime),
      containerStatuses: containerStatuses(pod, false, startTime),
    });
    let network = this.networks.get(uid);
    if (!network) {
      try {
        [network] = await Promise.all([this.host.start(pod), new Promise((r) => setTimeout(r, CREATING_MS))]);
      } catch (error) {
        await this.patchStatus(pod, { conditions: conditions(false, nowIso(), (error as Error).message) });
        throw error;
      }
      this.networks.set(uid, network);
    }
    const now = nowIso();
    await this.patchStatus(
      pod,
      {
        phase: "Running",
        hostIP: network.hostIP,
        hostIPs: [{ ip: network.hostIP }],
        podIP: network.podIP,
        podIPs: [{ ip: network.podIP }],
        startTime,
        conditions: [...conditions(true, now), ...(network.conditions ?? [])],
        containerStatuses: containerStatuses(pod, true, now),
        initContainerStatuses: initContainerStatuses(pod, now),
      },
      network.annotations,
    );
    this.networks.delete(uid);
  }

  private async markReady(pod: V1Pod) {
    const now = nowIso();
    await this.patchStatus(pod, { conditions: conditions(true, now), containerStatuses: containerStatuses(pod, true, now) });
  }

  private async finalize(pod: V1Pod) {
    const { name, namespace, uid } = pod.metadata as { name: string; namespace: string; uid: string };
    if (this.host.stop) {
      try {
        await this.host.stop(pod);
      } catch (error) {
        this.retryLater(pod);
        throw error;
      }
    }
    try {
      await this.core.deleteNamespacedPod({ name, namespace, body: { gracePeriodSeconds: 0, preconditions: { uid } } });
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code !== 404 && code !== 409) throw error; // gone already, or a new pod took the name
    }
    this.forget(pod);
  }
}
