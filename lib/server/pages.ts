import "server-only";
import { notFound, redirect } from "next/navigation";
import { checkPrerequisites, type PrerequisiteCheck } from "@/lib/prerequisites";
import { explainError } from "@/lib/errors";
import { probeCluster, type ClusterProbe } from "@/lib/k8s/cluster-probe";
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

/** One card of the Clusters page: the probe, and the seed's prerequisites judged on it. */
export async function clusterCard(cluster: ConsoleCluster, regions: string[] | undefined, actor?: Actor): Promise<ClusterCardData> {
  const probe = await probeCluster(cluster.id, actor?.kube);
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
export type { Actor } from "./guard";
export { readActivity } from "./audit";
export { observeAddon } from "./addon";
export { loadEciProfile, loadNetworkState, profileRegion } from "./eci-profile";
export { pagePermissions, type PagePermissions } from "./permissions";
