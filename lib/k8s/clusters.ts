import "server-only";
import { listRegisteredClusters, type RegisteredCluster } from "@/lib/alicloud/ack";
import { cloudConfigured } from "@/lib/alicloud/clients";
import { readConsoleConfig, updateConsoleConfig } from "@/lib/console-config/store";
import type { ClusterLink } from "@/lib/console-config/schema";
import { kubeContexts } from "./kubeconfig";

export interface ConsoleCluster {
  /** The kube context name; also the cluster's id in URLs. */
  id: string;
  server: string;
  link?: ClusterLink;
}

type KubeContext = ReturnType<typeof kubeContexts>[number];

/**
 * Matches unlinked contexts to ACK registered clusters of the same name and saves the matches. Asks the cloud only
 * when some context is unlinked (or the caller wants the registered list), never on every page or action.
 */
async function linkByName(unlinked: KubeContext[], wantRegistered: boolean) {
  if (!cloudConfigured() || (unlinked.length === 0 && !wantRegistered)) return { registered: [] as RegisteredCluster[] };
  try {
    const registered = await listRegisteredClusters();
    const matches = unlinked.flatMap((ctx) => {
      const match = registered.find((r) => r.name === ctx.context || r.name === ctx.cluster);
      return match ? [[ctx.context, { ackClusterId: match.clusterId, regionId: match.regionId, linkedBy: "auto" as const }] as const] : [];
    });
    const links = matches.length ? (await updateConsoleConfig((c) => ({ ...c, links: { ...c.links, ...Object.fromEntries(matches) } }))).links : undefined;
    return { registered, links };
  } catch (error) {
    return { registered: [] as RegisteredCluster[], cloudError: `Could not list ACK registered clusters: ${(error as Error).message.split("\n")[0]}` };
  }
}

/** The console's clusters: one per kube context with its ACK link, and registered clusters that have no context. */
export async function listConsoleClusters(): Promise<{ clusters: ConsoleCluster[]; cloudError?: string; registeredWithoutContext: RegisteredCluster[] }> {
  const contexts = kubeContexts();
  let { links } = await readConsoleConfig();
  const linked = await linkByName(contexts.filter((ctx) => !links[ctx.context]), true);
  links = linked.links ?? links;
  const linkedIds = new Set(Object.values(links).map((l) => l.ackClusterId));
  return {
    clusters: contexts.map((ctx) => ({ id: ctx.context, server: ctx.server, link: links[ctx.context] })),
    cloudError: linked.cloudError,
    registeredWithoutContext: linked.registered.filter((r) => !linkedIds.has(r.clusterId)),
  };
}

/** One cluster by its context name; the cloud is asked only if that context has no link yet. */
export async function getConsoleCluster(id: string): Promise<ConsoleCluster | undefined> {
  const ctx = kubeContexts().find((c) => c.context === id);
  if (!ctx) return undefined;
  const { links } = await readConsoleConfig();
  const link = links[id] ?? (await linkByName([ctx], false)).links?.[id];
  return { id, server: ctx.server, link };
}
