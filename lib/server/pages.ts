import "server-only";
import { notFound, redirect } from "next/navigation";
import { checkPrerequisites, type PrerequisiteCheck } from "@/lib/prerequisites";
import { explainError } from "@/lib/errors";
import { probeCluster, type ClusterProbe } from "@/lib/k8s/cluster-probe";
import { probePool } from "@/lib/probe-pool";
import { eciRegions } from "./cloud";
import { clusterEndpointName, findConsoleCluster, type ConsoleCluster } from "./clusters";
import { currentActor, type Actor } from "./guard";

// The data loaders of the pages: each starts with the session (the proxy is not the only gate), then reads.

export async function requirePageActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}

/** The start of every per-cluster page: a session, then the cluster named in the URL (a 404 page if unknown). */
export async function clusterForPage(params: Promise<{ cluster: string }>): Promise<ConsoleCluster> {
  await requirePageActor();
  const cluster = await findConsoleCluster(decodeURIComponent((await params).cluster));
  if (!cluster) notFound();
  return cluster;
}

export interface ClusterCardData {
  probe: ClusterProbe;
  /** The probe's failure in plain words, when the cluster could not be reached. */
  unreachable?: { title: string; whatToDo: string };
  checks: PrerequisiteCheck[];
}

/**
 * How the Clusters page probes: 8 at a time (50 contexts must not open 150 connections at once), 5 s at most each,
 * and the ones still silent 1.5 s after all others answered are shown unreachable (a timeout) instead of holding
 * the page.
 */
export const CLUSTER_PROBES = { concurrency: 8, timeoutMs: 5_000, graceMs: 1_500 };

/** The cards of the Clusters page, each a promise the page streams in as it settles (Suspense per card). */
export function clusterCards(clusters: ConsoleCluster[], regions: string[] | undefined): Map<string, Promise<ClusterCardData>> {
  const byId = new Map(clusters.map((c) => [c.id, c]));
  return probePool(
    clusters.map((c) => c.id),
    (id, signal) => clusterCard(byId.get(id)!, regions, signal),
    CLUSTER_PROBES,
  );
}

/** One card of the Clusters page: the probe, and the seed's prerequisites judged on it. */
export async function clusterCard(cluster: ConsoleCluster, regions: string[] | undefined, signal?: AbortSignal): Promise<ClusterCardData> {
  const probe = await probeCluster(cluster.id, signal);
  const unreachable = probe.reachable ? undefined : explainError(probe.failure, { endpoint: clusterEndpointName(cluster), timeoutSeconds: probe.timeoutSeconds });
  return {
    probe,
    unreachable: unreachable && { title: unreachable.title, whatToDo: unreachable.whatToDo },
    checks: checkPrerequisites({ ...probe, link: cluster.link, eciRegions: regions }),
  };
}

/** ECI regions for the prerequisite "region served by ECI"; undefined when the cloud cannot be asked. */
export const eciRegionsForPage = () => eciRegions().catch(() => undefined);

export { listConsoleClusters, type ConsoleCluster } from "./clusters";
export { readActivity } from "./audit";
export { observeAddon } from "./addon";
export { loadEciProfile, loadNetworkState, profileRegion } from "./eci-profile";
