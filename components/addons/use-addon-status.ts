"use client";

import { useQuery } from "@tanstack/react-query";
import type { AddonStatus } from "@/lib/addon";

export const addonKeys = {
  status: (cluster: string) => ["addon-status", cluster] as const,
};

/** The add-on's state from ACK and the cluster; polled fast while a task runs, slowly otherwise. */
export function useAddonStatus(cluster: string) {
  return useQuery<AddonStatus>({
    queryKey: addonKeys.status(cluster),
    queryFn: async () => {
      const response = await fetch(`/api/clusters/${encodeURIComponent(cluster)}/addon`, { cache: "no-store" });
      if (!response.ok) throw new Error((await response.json().catch(() => ({}))).message ?? `HTTP ${response.status}`);
      return response.json();
    },
    refetchInterval: (query) => {
      const phase = query.state.data?.state.phase;
      return phase === "installing" || phase === "uninstalling" || phase === "degraded" ? 1_000 : 10_000;
    },
  });
}
