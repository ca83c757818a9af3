import type { KubeConfig, V1Pod } from "@kubernetes/client-node";
import { IpPool } from "./ip-pool";
import { NodeAgent } from "./node-agent";
import { PodRuntime, type PodHost } from "./pod-runtime";

export interface DatacenterOptions {
  count: number;
  regionId: string;
  zones: string[];
  kubeletVersion: string;
}

/**
 * The registered cluster's own worker nodes, named and labelled like ACK's ECS nodes (`<region>.<ip>`), with real
 * capacity so the real scheduler decides where pods go.
 */
export function datacenterNodeSpecs(opts: DatacenterOptions) {
  return Array.from({ length: opts.count }, (_, i) => {
    const internalIP = `192.168.0.${10 + i}`;
    const zone = opts.zones[i % opts.zones.length];
    return {
      name: `${opts.regionId}.${internalIP}`,
      internalIP,
      podCIDR: `10.244.${i}.0/24`,
      kubeletVersion: opts.kubeletVersion,
      providerID: `${opts.regionId}.i-sandbox${String(i).padStart(4, "0")}`,
      capacity: { cpu: "8", memory: "32Gi", pods: "110", "ephemeral-storage": "100Gi" },
      labels: {
        "topology.kubernetes.io/region": opts.regionId,
        "topology.kubernetes.io/zone": zone,
        "failure-domain.beta.kubernetes.io/region": opts.regionId,
        "failure-domain.beta.kubernetes.io/zone": zone,
        "node.kubernetes.io/instance-type": "ecs.g7.2xlarge",
        "node-role.kubernetes.io/worker": "",
        "vnode-console.dev/simulated": "datacenter",
      },
    };
  });
}

export async function startDatacenterNodes(kubeConfig: KubeConfig, opts: DatacenterOptions, log: (line: string) => void) {
  const specs = datacenterNodeSpecs(opts);
  const pools = new Map(specs.map((s) => [s.name, new IpPool(s.podCIDR)]));
  const hostIPs = new Map(specs.map((s) => [s.name, s.internalIP]));
  const host: PodHost = {
    owns: (nodeName) => pools.has(nodeName),
    async start(pod: V1Pod) {
      const nodeName = pod.spec!.nodeName!;
      const hostIP = hostIPs.get(nodeName)!;
      return { hostIP, podIP: pod.spec?.hostNetwork ? hostIP : pools.get(nodeName)!.allocate() };
    },
    release: (pod) => pod.status?.podIP && pools.get(pod.spec!.nodeName!)?.release(pod.status.podIP),
    adopt: (pod) => pod.status?.podIP && pools.get(pod.spec!.nodeName!)?.reserve(pod.status.podIP),
  };
  const agents = specs.map((spec) => new NodeAgent(kubeConfig, spec, log));
  await Promise.all(agents.map((a) => a.start()));
  const runtime = new PodRuntime(kubeConfig, host, log);
  await runtime.start();
  return {
    nodeNames: specs.map((s) => s.name),
    async stop() {
      for (const a of agents) a.stop();
      await runtime.stop();
    },
  };
}
