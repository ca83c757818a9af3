import "server-only";
import { LRUCache } from "lru-cache";
import { describeEciRegions } from "@/lib/alicloud/ack";
import { listAddonCatalog, type CatalogEntry } from "@/lib/alicloud/ack-addon";
import { cloudConfigured, defaultRegion } from "@/lib/alicloud/clients";

export { cloudConfigured, defaultRegion };

const TEN_MINUTES = 10 * 60_000;

// Slow-moving cloud facts asked for on every page and status poll: one TTL cache each, shared by all users.
const eciRegionsCache = new LRUCache<"regions", string[]>({ max: 1, ttl: TEN_MINUTES, fetchMethod: () => describeEciRegions() });
const catalogCache = new LRUCache<string, CatalogEntry[], { regionId: string }>({
  max: 500,
  ttl: TEN_MINUTES,
  fetchMethod: (clusterId, _stale, { context }) => listAddonCatalog(clusterId, context.regionId),
});

/** Regions where ECI is offered; undefined without cloud credentials. */
export async function eciRegions(): Promise<string[] | undefined> {
  if (!cloudConfigured()) return undefined;
  return eciRegionsCache.fetch("regions", { allowStaleOnFetchRejection: false }) as Promise<string[]>;
}

/** The add-ons ACK offers for a registered cluster (the Add-ons page polls its status often). */
export async function addonCatalog(ackClusterId: string, regionId: string): Promise<CatalogEntry[]> {
  return (await catalogCache.fetch(ackClusterId, { context: { regionId } })) ?? [];
}
