import "server-only";
import * as $Cs from "@alicloud/cs20151215";
import { callEci, cloudConfigured, csClient, defaultRegion } from "./clients";

export interface RegisteredCluster {
  clusterId: string;
  name: string;
  regionId: string;
  state?: string;
}

/** ACK One registered clusters (cluster_type ExternalKubernetes) visible to the console's credentials. */
export async function listRegisteredClusters(regionId = defaultRegion()): Promise<RegisteredCluster[]> {
  const response = await csClient(regionId).describeClustersV1(new $Cs.DescribeClustersV1Request({ clusterType: "ExternalKubernetes", regionId, pageSize: 100 }));
  return (response.body?.clusters ?? []).map((c) => ({ clusterId: c.clusterId!, name: c.name!, regionId: c.regionId!, state: c.state }));
}

let eciRegionsCache: { at: number; regions: string[] } | undefined;

/** Regions where ECI is offered (ECI DescribeRegions), cached for 10 minutes; undefined without cloud credentials. */
export async function eciRegions(): Promise<string[] | undefined> {
  if (!cloudConfigured()) return undefined;
  if (eciRegionsCache && Date.now() - eciRegionsCache.at < 600_000) return eciRegionsCache.regions;
  const body = await callEci<{ Regions?: { RegionId: string }[] }>("DescribeRegions", {});
  const regions = (body.Regions ?? []).map((r) => r.RegionId);
  eciRegionsCache = { at: Date.now(), regions };
  return regions;
}
