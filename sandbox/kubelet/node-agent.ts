import { CoreV1Api, CoordinationV1Api, type KubeConfig, PatchStrategy, setHeaderOptions, type V1Node } from "@kubernetes/client-node";
import { apiErrorMessage } from "./api-error";
import { microTime, nowIso } from "./time";

export interface SimulatedNodeSpec {
  name: string;
  labels: Record<string, string>;
  internalIP: string;
  /** Omitted for nodes whose pods take IPs from elsewhere (virtual nodes: the ECI vSwitch). */
  podCIDR?: string;
  capacity: Record<string, string>;
  kubeletVersion: string;
  taints?: { key: string; value?: string; effect: string }[];
  providerID?: string;
}

const strategicMerge = setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch);
const mergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
const LEASE_SECONDS = 40;
/** The kubelet's nodeStatusReportFrequency is 5 min; a minute keeps the sandbox's heartbeat times plausible. */
const STATUS_REPORT_MS = 60_000;

function readyConditions(ready: boolean, message?: string) {
  const t = nowIso();
  return [
    ready
      ? { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status", lastHeartbeatTime: t, lastTransitionTime: t }
      : { type: "Ready", status: "False", reason: "KubeletNotReady", message: message ?? "not ready", lastHeartbeatTime: t, lastTransitionTime: t },
    {
      type: "MemoryPressure",
      status: "False",
      reason: "KubeletHasSufficientMemory",
      message: "kubelet has sufficient memory available",
      lastHeartbeatTime: t,
      lastTransitionTime: t,
    },
    { type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure", lastHeartbeatTime: t, lastTransitionTime: t },
    { type: "PIDPressure", status: "False", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available", lastHeartbeatTime: t, lastTransitionTime: t },
  ];
}

function nodeStatus(spec: SimulatedNodeSpec, ready: boolean, message?: string) {
  return {
    capacity: spec.capacity,
    allocatable: spec.capacity,
    conditions: readyConditions(ready, message),
    addresses: [
      { type: "InternalIP", address: spec.internalIP },
      { type: "Hostname", address: spec.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      kubeletVersion: spec.kubeletVersion,
      kubeProxyVersion: spec.kubeletVersion,
      containerRuntimeVersion: "containerd://1.7.27-sandbox",
      kernelVersion: "5.10.134-sandbox",
      osImage: "Alibaba Cloud Linux 3 (simulated)",
      operatingSystem: "linux",
      architecture: "amd64",
      machineID: "",
      systemUUID: "",
      bootID: "",
    },
  };
}

/**
 * Does what a kubelet does for its Node object: registers it, keeps it Ready and renews its Lease.
 * Liveness is the Lease; conditions are re-posted less often, as the real kubelet does.
 */
export class NodeAgent {
  private core: CoreV1Api;
  private coordination: CoordinationV1Api;
  private leaseTimer?: NodeJS.Timeout;
  private statusTimer?: NodeJS.Timeout;
  private stopped = false;
  private readiness: { ready: boolean; message?: string } = { ready: true };

  constructor(
    kubeConfig: KubeConfig,
    readonly spec: SimulatedNodeSpec,
    private readonly log: (line: string) => void,
    private readonly leaseRenewMs = 4_000,
  ) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.coordination = kubeConfig.makeApiClient(CoordinationV1Api);
  }

  /** `ready: false` registers the node NotReady with `message` (a virtual node whose controller cannot reach the cloud). */
  async start(ready = true, message?: string) {
    this.readiness = { ready, message };
    const node = await this.register();
    await this.renewLease(node);
    this.leaseTimer = setInterval(() => this.renewLease(node).catch((e) => this.log(`lease ${this.spec.name}: ${apiErrorMessage(e)}`)), this.leaseRenewMs);
    // Every 10 s, as the kubelet's node status update: if the node controller marked the node Unknown while this
    // process was stalled, the next check makes it Ready again within seconds. Like the kubelet, it posts only when the
    // status differs (or a minute has passed): a post is a watch event for every node watcher, and with a hundred
    // simulated nodes unconditional posts alone were ten events a second.
    this.statusTimer = setInterval(() => this.refreshStatus().catch((e) => this.log(`status ${this.spec.name}: ${apiErrorMessage(e)}`)), 10_000);
  }

  stop() {
    this.stopped = true;
    clearInterval(this.leaseTimer);
    clearInterval(this.statusTimer);
  }

  /** Posts the status again if the apiserver's Ready condition is not the one last posted, or it is a minute old. */
  private async refreshStatus() {
    if (this.stopped) return;
    const node = await this.core.readNode({ name: this.spec.name });
    const ready = node.status?.conditions?.find((c) => c.type === "Ready");
    const fresh = ready?.lastHeartbeatTime && Date.now() - new Date(ready.lastHeartbeatTime).getTime() < STATUS_REPORT_MS;
    if (ready?.status === (this.readiness.ready ? "True" : "False") && fresh) return;
    await this.postStatus();
  }

  /** Posts the Ready condition; the last posted readiness is what the periodic status refresh repeats. */
  async postStatus(ready = this.readiness.ready, message = this.readiness.message) {
    if (this.stopped) return;
    this.readiness = { ready, message };
    await this.core.patchNodeStatus({ name: this.spec.name, body: { status: nodeStatus(this.spec, ready, message) } }, strategicMerge);
  }

  private async register(): Promise<V1Node> {
    const { name, labels, podCIDR, taints, providerID } = this.spec;
    const body = {
      metadata: {
        name,
        labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", ...labels },
        annotations: { "node.alpha.kubernetes.io/ttl": "0" },
      },
      spec: { ...(podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {}), taints, providerID },
    };
    let node: V1Node;
    try {
      node = await this.core.createNode({ body });
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
      node = await this.core.readNode({ name });
    }
    await this.postStatus();
    return node;
  }

  private async renewLease(node: V1Node) {
    if (this.stopped) return;
    const name = this.spec.name;
    const spec = { holderIdentity: name, leaseDurationSeconds: LEASE_SECONDS, renewTime: microTime() };
    try {
      // A merge patch needs no resourceVersion, like the kubelet's lease controller it only moves renewTime.
      await this.coordination.patchNamespacedLease({ name, namespace: "kube-node-lease", body: { spec } }, mergePatch);
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
      await this.coordination.createNamespacedLease({
        namespace: "kube-node-lease",
        body: {
          metadata: { name, namespace: "kube-node-lease", ownerReferences: [{ apiVersion: "v1", kind: "Node", name, uid: node.metadata!.uid! }] },
          spec: spec as never,
        },
      });
    }
  }
}
