// The seeded account: two regions, a VPC per region with vSwitches in three zones, a security
// group, and registered clusters that point at the sandbox's own Kubernetes cluster.
import { accessKeyId, accessKeySecret, clusterId as newClusterId, isoNow, numericId, resourceId } from "./ids";
import type { CloudState, Cluster, VSwitch } from "./state";
import { STATE_VERSION } from "./state";

export const DEFAULT_REGION = "cn-hangzhou";

const REGIONS = [
  {
    regionId: "cn-hangzhou",
    localName: "China (Hangzhou)",
    zones: ["b", "h", "i", "j", "k"],
    vpcCidr: "192.168.0.0/16",
    vsw: [
      ["h", "192.168.0.0/20"],
      ["i", "192.168.16.0/20"],
      ["j", "192.168.32.0/20"],
      ["b", "192.168.48.0/24"],
    ],
  },
  {
    regionId: "cn-shanghai",
    localName: "China (Shanghai)",
    zones: ["e", "f", "g", "l"],
    vpcCidr: "172.16.0.0/12",
    vsw: [
      ["e", "172.16.0.0/20"],
      ["f", "172.16.16.0/20"],
      ["g", "172.16.32.0/20"],
    ],
  },
] as const;

function cidrSize(cidr: string): number {
  return 2 ** (32 - Number(cidr.split("/")[1]));
}

export interface SeedResult {
  state: CloudState;
  rootAccessKeySecret: string;
}

export function seedState(): SeedResult {
  const now = isoNow();
  const rootId = accessKeyId();
  const rootSecret = accessKeySecret();
  const state: CloudState = {
    version: STATE_VERSION,
    accountId: numericId(16),
    rootAccessKeyId: rootId,
    regions: [],
    zones: [],
    vpcs: [],
    vswitches: [],
    securityGroups: [],
    users: {},
    policies: {},
    attachments: [],
    accessKeys: { [rootId]: { accessKeyId: rootId, accessKeySecret: rootSecret, userName: null, status: "Active", createDate: now } },
    clusters: {},
    tasks: {},
    containerGroups: {},
  };
  for (const r of REGIONS) {
    state.regions.push({ regionId: r.regionId, localName: r.localName, endpoint: `vpc.${r.regionId}.aliyuncs.com` });
    for (const z of r.zones) state.zones.push({ zoneId: `${r.regionId}-${z}`, regionId: r.regionId, localName: `${r.localName} Zone ${z.toUpperCase()}` });
    const vpcId = resourceId("vpc", r.regionId);
    state.vpcs.push({
      vpcId,
      regionId: r.regionId,
      vpcName: "vnode-console-vpc",
      cidrBlock: r.vpcCidr,
      isDefault: false,
      creationTime: now,
      vRouterId: resourceId("vrt", r.regionId),
      description: "Seeded VPC for ack-virtual-node",
    });
    for (const [z, cidr] of r.vsw) {
      // 4 addresses of every vSwitch are reserved by Alibaba Cloud.
      state.vswitches.push({
        vSwitchId: resourceId("vsw", r.regionId),
        vpcId,
        regionId: r.regionId,
        zoneId: `${r.regionId}-${z}`,
        vSwitchName: `vnode-${r.regionId}-${z}`,
        cidrBlock: cidr,
        totalIps: cidrSize(cidr) - 4,
        usedIps: 0,
        isDefault: false,
        creationTime: now,
        description: "",
      });
    }
    state.securityGroups.push({
      securityGroupId: resourceId("sg", r.regionId),
      vpcId,
      regionId: r.regionId,
      securityGroupName: "vnode-console-sg",
      description: "Seeded security group for ECI pods",
      creationTime: now,
    });
  }
  return { state, rootAccessKeySecret: rootSecret };
}

export interface ClusterSeedInput {
  clusterId?: string;
  name: string;
  kubeconfigPath: string;
  regionId?: string;
  webhookUrl?: string;
  webhookCaBundle?: string;
}

/** Adds or refreshes registered clusters; ids are stable because existing clusters are matched by id, then by name. */
export function upsertClusters(state: CloudState, seeds: ClusterSeedInput[]): Cluster[] {
  const out: Cluster[] = [];
  for (const s of seeds) {
    const existing = (s.clusterId ? state.clusters[s.clusterId] : undefined) ?? Object.values(state.clusters).find((c) => c.name === s.name);
    const regionId = s.regionId ?? existing?.regionId ?? DEFAULT_REGION;
    if (!state.regions.some((r) => r.regionId === regionId)) throw new Error(`cloud emulator: cluster ${s.name}: unknown region ${regionId}`);
    const vpc = state.vpcs.find((v) => v.regionId === regionId)!;
    const vsw: VSwitch = state.vswitches.find((v) => v.vpcId === vpc.vpcId)!;
    const sg = state.securityGroups.find((g) => g.vpcId === vpc.vpcId)!;
    const now = isoNow();
    const c: Cluster = existing ?? {
      clusterId: s.clusterId ?? newClusterId(),
      name: s.name,
      regionId,
      kubeconfigPath: s.kubeconfigPath,
      created: now,
      updated: now,
      vpcId: vpc.vpcId,
      vswitchIds: [vsw.vSwitchId],
      securityGroupId: sg.securityGroupId,
    };
    c.name = s.name;
    c.kubeconfigPath = s.kubeconfigPath;
    c.webhookUrl = s.webhookUrl;
    c.webhookCaBundle = s.webhookCaBundle;
    state.clusters[c.clusterId] = c;
    out.push(c);
  }
  return out;
}
