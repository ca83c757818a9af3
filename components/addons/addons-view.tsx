"use client";

import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLiveList } from "@/components/live/use-live-list";
import { GrantCard } from "./grant-card";
import { AddonCard } from "./addon-card";
import { addonKeys, useAddonStatus } from "./use-addon-status";

/** Step 1 (RAM grant and Secret) and Step 2 (install) of the seed, with state read from ACK and the cluster. */
export function AddonsView({ cluster }: { cluster: string }) {
  const status = useAddonStatus(cluster);
  const nodes = useLiveList({ cluster, resource: "nodes" });
  const pods = useLiveList({ cluster, resource: "pods" });
  const queryClient = useQueryClient();
  const virtualNodes = (nodes ?? []).filter((n) => n.virtual);
  const virtualNames = new Set(virtualNodes.map((n) => n.name));
  const eciPods = (pods ?? []).filter((p) => p.nodeName && virtualNames.has(p.nodeName));

  // Virtual nodes come and go live; refresh the derived state when they do.
  const nodeSignature = virtualNodes.map((n) => `${n.name}:${n.ready}`).join(",");
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: addonKeys.status(cluster) });
  }, [nodeSignature, cluster, queryClient]);

  if (status.isPending) return <p role="status" className="text-slate-500">Reading the add-on&apos;s state from ACK and the cluster…</p>;
  if (status.isError) return <p role="alert" className="text-red-700">Could not read the add-on&apos;s state: {status.error.message}</p>;
  const data = status.data;
  return (
    <div className="space-y-6">
      {!data.cloudConfigured && (
        <p role="alert" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          The console has no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET for it, then restart it.
        </p>
      )}
      {data.problems.length > 0 && (
        <ul role="alert" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {data.problems.map((p) => <li key={p}>Could not read {p}</li>)}
        </ul>
      )}
      <GrantCard cluster={cluster} status={data} />
      <AddonCard cluster={cluster} status={data} virtualNodes={virtualNodes} eciPods={eciPods} />
    </div>
  );
}
