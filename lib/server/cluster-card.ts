import "server-only";
import { explainError } from "@/lib/errors";
import { probeCluster, type ClusterProbe } from "@/lib/k8s/cluster-probe";
import { checkPrerequisites, type PrerequisiteCheck } from "@/lib/prerequisites";
import { probePool } from "@/lib/probe-pool";
import type { Actor } from "./action-runner";
import { clusterEndpointName, type ConsoleCluster } from "./clusters";

export interface ClusterCardData {
  probe: ClusterProbe;
  /** The probe's failure in plain words, when the cluster could not be reached. */
  unreachable?: { title: string; whatToDo: string };
  checks: PrerequisiteCheck[];
}

/** One card of the Clusters page: the probe, and the seed's prerequisites judged on it. */
/**
 * How the Clusters page probes: 8 at a time (50 contexts must not open 150 connections at once), 5 s at most each,
 * and the ones still silent 1.5 s after all others answered are shown unreachable (a timeout) instead of holding
 * the page.
 */
export const CLUSTER_PROBES = { concurrency: 8, timeoutMs: 5_000, graceMs: 1_500 };

/** The cards of the Clusters page, each a promise the page streams in as it settles (Suspense per card). */
export function clusterCards(clusters: ConsoleCluster[], regions: string[] | undefined, actor?: Actor): Map<string, Promise<ClusterCardData>> {
  const byId = new Map(clusters.map((c) => [c.id, c]));
  return probePool(
    clusters.map((c) => c.id),
    (id, signal) => clusterCard(byId.get(id)!, regions, actor, signal),
    CLUSTER_PROBES,
  );
}

/** `actor`: probed as that person (impersonated) when they signed in with OIDC; `signal`: the pool's deadline. */
export async function clusterCard(cluster: ConsoleCluster, regions: string[] | undefined, actor?: Actor, signal?: AbortSignal): Promise<ClusterCardData> {
  const probe = await probeCluster(cluster.id, actor?.kube, signal);
  const unreachable = probe.reachable ? undefined : explainError(probe.failure, { endpoint: clusterEndpointName(cluster), timeoutSeconds: probe.timeoutSeconds });
  return {
    probe,
    unreachable: unreachable && { title: unreachable.title, whatToDo: unreachable.whatToDo },
    checks: checkPrerequisites({ ...probe, link: cluster.link, eciRegions: regions }),
  };
}
