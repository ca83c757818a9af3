import "server-only";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { getConsoleCluster, type ConsoleCluster } from "./clusters";

/** The start of every per-cluster page: a session, then the cluster named in the URL (404 if unknown). */
export async function clusterForPage(params: Promise<{ cluster: string }>): Promise<ConsoleCluster> {
  await requireSession();
  const cluster = await getConsoleCluster(decodeURIComponent((await params).cluster));
  if (!cluster) notFound();
  return cluster;
}
