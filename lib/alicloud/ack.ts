import "server-only";
import { callEci, csApi, defaultRegion } from "./clients";

export interface RegisteredCluster {
  clusterId: string;
  name: string;
  regionId: string;
  state?: string;
}

/** ACK One registered clusters (cluster_type ExternalKubernetes) visible to the console's credentials. */
export async function listRegisteredClusters(regionId = defaultRegion()): Promise<RegisteredCluster[]> {
  const { client, sdk: $Cs } = await csApi(regionId);
  const response = await client.describeClustersV1(new $Cs.DescribeClustersV1Request({ clusterType: "ExternalKubernetes", regionId, pageSize: 100 }));
  return (response.body?.clusters ?? []).map((c) => ({ clusterId: c.clusterId!, name: c.name!, regionId: c.regionId!, state: c.state }));
}

/** Regions where ECI is offered (ECI DescribeRegions). */
export async function describeEciRegions(): Promise<string[]> {
  const body = await callEci<{ Regions?: { RegionId: string }[] }>("DescribeRegions", {});
  return (body.Regions ?? []).map((r) => r.RegionId);
}
