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

/**
 * The console's clusters: one per kube context, with its ACK registered-cluster link. Contexts without a link are
 * matched to a registered cluster of the same name (when cloud credentials are configured) and the match is saved.
 */
export async function listConsoleClusters(): Promise<{ clusters: ConsoleCluster[]; cloudError?: string; registeredWithoutContext: RegisteredCluster[] }> {
  let { links } = await readConsoleConfig();
  const contexts = kubeContexts();
  let cloudError: string | undefined;
  let registered: RegisteredCluster[] = [];
  const unlinked = contexts.filter((ctx) => !links[ctx.context]);
  if (cloudConfigured()) {
    try {
      registered = await listRegisteredClusters();
      const matches = unlinked.flatMap((ctx) => {
        const match = registered.find((r) => r.name === ctx.context || r.name === ctx.cluster);
        return match ? [[ctx.context, { ackClusterId: match.clusterId, regionId: match.regionId, linkedBy: "auto" as const }] as const] : [];
      });
      if (matches.length) links = (await updateConsoleConfig((c) => ({ ...c, links: { ...c.links, ...Object.fromEntries(matches) } }))).links;
    } catch (error) {
      cloudError = `Could not list ACK registered clusters: ${(error as Error).message.split("\n")[0]}`;
    }
  }
  const linkedIds = new Set(Object.values(links).map((l) => l.ackClusterId));
  return {
    clusters: contexts.map((ctx) => ({ id: ctx.context, server: ctx.server, link: links[ctx.context] })),
    cloudError,
    registeredWithoutContext: registered.filter((r) => !linkedIds.has(r.clusterId)),
  };
}

export async function getConsoleCluster(id: string): Promise<ConsoleCluster | undefined> {
  return (await listConsoleClusters()).clusters.find((c) => c.id === id);
}
