import "server-only";
import { explainError } from "@/lib/errors";
import { probeCluster, type ClusterProbe } from "@/lib/k8s/cluster-probe";
import { checkPrerequisites, type PrerequisiteCheck } from "@/lib/prerequisites";
import type { Actor } from "./action-runner";
import { clusterEndpointName, type ConsoleCluster } from "./clusters";

export interface ClusterCardData {
  probe: ClusterProbe;
  /** The probe's failure in plain words, when the cluster could not be reached. */
  unreachable?: { title: string; whatToDo: string };
  checks: PrerequisiteCheck[];
}

/** One card of the Clusters page: the probe, and the seed's prerequisites judged on it. */
/** `actor`: probed as that person (impersonated) when they signed in with OIDC. */
export async function clusterCard(cluster: ConsoleCluster, regions: string[] | undefined, actor?: Actor): Promise<ClusterCardData> {
  const probe = await probeCluster(cluster.id, actor?.kube);
  const unreachable = probe.reachable ? undefined : explainError(probe.failure, { endpoint: clusterEndpointName(cluster), timeoutSeconds: probe.timeoutSeconds });
  return {
    probe,
    unreachable: unreachable && { title: unreachable.title, whatToDo: unreachable.whatToDo },
    checks: checkPrerequisites({ ...probe, link: cluster.link, eciRegions: regions }),
  };
}
