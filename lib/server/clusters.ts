import "server-only";
import { LRUCache } from "lru-cache";
import { listRegisteredClusters, type RegisteredCluster } from "@/lib/alicloud/ack";
import { cloudConfigured } from "@/lib/alicloud/clients";
import type { ClusterLink } from "@/lib/console-config/schema";
import { readConsoleConfig, updateConsoleConfig } from "./state";
import { explainError, errorSentence, say, words } from "@/lib/errors";
import { kubeContexts, UnknownClusterError } from "@/lib/k8s/kubeconfig";

export type { RegisteredCluster };

export interface ConsoleCluster {
  /** The kube context name; also the cluster's id in URLs. */
  id: string;
  server: string;
  link?: ClusterLink;
}

type KubeContext = ReturnType<typeof kubeContexts>[number];

// A context with no registered cluster of its name stays unlinked for a while: without this, every page, action and
// status poll of an unlinked cluster would ask ACK again (DescribeClustersV1) for an answer that rarely changes.
const unmatched = new LRUCache<string, true>({ max: 1000, ttl: 5 * 60_000 });

/** Matches unlinked contexts to ACK registered clusters of the same name and saves the matches. */
async function linkByName(unlinked: KubeContext[], wantRegistered: boolean) {
  const toMatch = wantRegistered ? unlinked : unlinked.filter((ctx) => !unmatched.has(ctx.context));
  if (!cloudConfigured() || (toMatch.length === 0 && !wantRegistered)) return { registered: [] as RegisteredCluster[] };
  try {
    const registered = await listRegisteredClusters();
    const matches = toMatch.flatMap((ctx) => {
      const match = registered.find((r) => r.name === ctx.context || r.name === ctx.cluster);
      if (!match) unmatched.set(ctx.context, true);
      return match ? [[ctx.context, { ackClusterId: match.clusterId, regionId: match.regionId, linkedBy: "auto" as const }] as const] : [];
    });
    const links = matches.length ? (await updateConsoleConfig((c) => ({ ...c, links: { ...c.links, ...Object.fromEntries(matches) } }))).links : undefined;
    return { registered, links };
  } catch (error) {
    return {
      registered: [] as RegisteredCluster[],
      cloudError: say(
        words("server.clustersUnlisted", { error: errorSentence(explainError(error, { action: "cs:DescribeClustersV1", endpoint: say(words("server.alibabaCloud")) })) }),
      ),
    };
  }
}

/** The console's clusters: one per kube context with its ACK link, and registered clusters that have no context. */
export async function listConsoleClusters(): Promise<{ clusters: ConsoleCluster[]; cloudError?: string; registeredWithoutContext: RegisteredCluster[] }> {
  const contexts = kubeContexts();
  let { links } = await readConsoleConfig();
  const linked = await linkByName(
    contexts.filter((ctx) => !links[ctx.context]),
    true,
  );
  links = linked.links ?? links;
  const linkedIds = new Set(Object.values(links).map((l) => l.ackClusterId));
  return {
    clusters: contexts.map((ctx) => ({ id: ctx.context, server: ctx.server, link: links[ctx.context] })),
    cloudError: linked.cloudError,
    registeredWithoutContext: linked.registered.filter((r) => !linkedIds.has(r.clusterId)),
  };
}

/** One cluster by its context name; the cloud is asked only if that context has no link yet (and no recent miss). */
export async function findConsoleCluster(id: string): Promise<ConsoleCluster | undefined> {
  const ctx = kubeContexts().find((c) => c.context === id);
  if (!ctx) return undefined;
  const { links } = await readConsoleConfig();
  const link = links[id] ?? (await linkByName([ctx], false)).links?.[id];
  return { id, server: ctx.server, link };
}

/** Like findConsoleCluster, but an unknown name is an error that says what to do. */
export async function getConsoleCluster(id: string): Promise<ConsoleCluster> {
  const cluster = await findConsoleCluster(id);
  if (!cluster) throw new UnknownClusterError(id);
  return cluster;
}

/** Links a kube context to its ACK One registered cluster (ID and region), replacing an automatic match. */
export async function linkCluster(context: string, link: Omit<ClusterLink, "linkedBy">): Promise<void> {
  await getConsoleCluster(context);
  await updateConsoleConfig((c) => ({ ...c, links: { ...c.links, [context]: { ...link, linkedBy: "user" } } }));
  unmatched.delete(context);
}

/** How errors name this cluster's API server ("No answer from the API server of cluster prod (https://…)"). */
export const clusterEndpointName = (cluster: ConsoleCluster) => `the API server of cluster ${cluster.id} (${cluster.server})`;
