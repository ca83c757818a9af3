// One virtual node per zone of eci-profile vSwitchIds (§2), each kept alive by a NodeAgent (Node object, Ready
// condition, Lease renewal) for as long as the simulated controller runs.
import type { KubeConfig } from "@kubernetes/client-node";
import { apiErrorMessage } from "../kubelet/api-error";
import { NodeAgent, type SimulatedNodeSpec } from "../kubelet/node-agent";
import { VIRTUAL_NODE_LABEL, VIRTUAL_NODE_TAINT, virtualNodeName } from "./constants";
import type { EventRecorder } from "./events";

/**
 * Capacity is not documented for ack-virtual-node (§2). Chosen: the open-source provider's cpu/memory defaults
 * (1000 cores, 4 TiB) and room for 10,000 pods per node, far beyond what the sandbox runs.
 */
const CAPACITY = { cpu: "1000", memory: "4Ti", pods: "10000", "ephemeral-storage": "60000Gi" };

export interface VirtualNodeOptions {
  regionId: string;
  /** e.g. v1.34.4-aliyun.1 */
  kubeletVersion: string;
  /** The node's InternalIP: the controller pod's IP, which would serve the kubelet port (10250) for all of them. */
  internalIP: string;
}

export function virtualNodeSpec(opts: VirtualNodeOptions, zoneId: string): SimulatedNodeSpec {
  const name = virtualNodeName(opts.regionId, zoneId);
  return {
    name,
    internalIP: opts.internalIP,
    kubeletVersion: opts.kubeletVersion,
    capacity: CAPACITY,
    taints: [VIRTUAL_NODE_TAINT],
    labels: {
      [VIRTUAL_NODE_LABEL.key]: VIRTUAL_NODE_LABEL.value,
      "kubernetes.io/role": "agent",
      "beta.kubernetes.io/os": "linux",
      "topology.kubernetes.io/region": opts.regionId,
      "topology.kubernetes.io/zone": zoneId,
      "failure-domain.beta.kubernetes.io/region": opts.regionId,
      "failure-domain.beta.kubernetes.io/zone": zoneId,
      "alpha.service-controller.kubernetes.io/exclude-balancer": "true",
      "service.beta.kubernetes.io/exclude-node": "true",
    },
  };
}

export interface Readiness {
  ready: boolean;
  reason: string;
  message: string;
}

export class VirtualNodes {
  private agents = new Map<string, { agent: NodeAgent; zoneId: string; ready?: boolean; message?: string }>();

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly opts: VirtualNodeOptions,
    private readonly events: EventRecorder,
    private readonly log: (line: string) => void,
  ) {}

  owns(nodeName: string) {
    return this.agents.has(nodeName);
  }

  zoneOf(nodeName: string) {
    return this.agents.get(nodeName)?.zoneId;
  }

  get names() {
    return [...this.agents.keys()];
  }

  /**
   * Registers a node for every zone not seen before, and posts `readiness` on the nodes of `zones`. A node whose zone
   * left the profile stays registered (its pods are still ECI instances) but NotReady, saying so.
   */
  async sync(zones: string[], readiness: Readiness) {
    for (const zoneId of zones) {
      const name = virtualNodeName(this.opts.regionId, zoneId);
      if (this.agents.has(name)) continue;
      const agent = new NodeAgent(this.kubeConfig, virtualNodeSpec(this.opts, zoneId), this.log);
      this.agents.set(name, { agent, zoneId });
      try {
        await agent.start(readiness.ready, readiness.message);
      } catch (error) {
        agent.stop();
        this.agents.delete(name);
        throw error;
      }
      this.log(`virtual node ${name} registered (${readiness.ready ? "Ready" : `NotReady: ${readiness.message}`})`);
    }
    for (const [name, entry] of this.agents) {
      const r: Readiness = zones.includes(entry.zoneId)
        ? readiness
        : { ready: false, reason: "ZoneRemoved", message: `zone ${entry.zoneId} is no longer covered by eci-profile vSwitchIds; new pods are not placed here` };
      if (entry.ready === r.ready && entry.message === r.message) continue;
      await entry.agent.postStatus(r.ready, r.ready ? undefined : r.message).catch((e) => this.log(`status ${name}: ${apiErrorMessage(e)}`));
      entry.ready = r.ready;
      entry.message = r.message;
      const ref = { kind: "Node", name, uid: name, apiVersion: "v1" };
      if (r.ready) this.events.emit(ref, "Normal", "NodeReady", `Node ${name} status is now: NodeReady`);
      else this.events.emit(ref, "Warning", r.reason, r.message);
    }
  }

  /** The controller is gone: leases stop, and kube-controller-manager turns the nodes NotReady after its grace period. */
  stop() {
    for (const { agent } of this.agents.values()) agent.stop();
    this.agents.clear();
  }
}
