import "server-only";
import { explainError } from "@/lib/errors";
import { probeCluster, type ClusterProbe } from "@/lib/k8s/cluster-probe";
import { checkPrerequisites, type PrerequisiteCheck } from "@/lib/prerequisites";
import { clusterEndpointName, type ConsoleCluster } from "./clusters";

export interface ClusterCardData {
  probe: ClusterProbe;
  /** The probe's failure in plain words, when the cluster could not be reached. */
  unreachable?: { title: string; whatToDo: string };
  checks: PrerequisiteCheck[];
}

/** One card of the Clusters page: the probe, and the seed's prerequisites judged on it. */
export async function clusterCard(cluster: ConsoleCluster, regions: string[] | undefined): Promise<ClusterCardData> {
  const probe = await probeCluster(cluster.id);
  const unreachable = probe.reachable ? undefined : explainError(probe.failure, { endpoint: clusterEndpointName(cluster), timeoutSeconds: probe.timeoutSeconds });
  return {
    probe,
    unreachable: unreachable && { title: unreachable.title, whatToDo: unreachable.whatToDo },
    checks: checkPrerequisites({ ...probe, link: cluster.link, eciRegions: regions }),
  };
}
