import "server-only";
import { notFound, redirect } from "next/navigation";
import { eciRegions } from "./cloud";
import { findConsoleCluster, type ConsoleCluster } from "./clusters";
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

/** ECI regions for the prerequisite "region served by ECI"; undefined when the cloud cannot be asked. */
export const eciRegionsForPage = () => eciRegions().catch(() => undefined);

export { listConsoleClusters, type ConsoleCluster } from "./clusters";
export type { Actor } from "./guard";
export { CLUSTER_PROBES, clusterCard, clusterCards, type ClusterCardData } from "./cluster-card";
export { readActivity } from "./audit";
export { observeAddon } from "./addon";
export { loadEciProfile, loadNetworkState, profileRegion } from "./eci-profile";
export { pagePermissions, type PagePermissions } from "./permissions";
