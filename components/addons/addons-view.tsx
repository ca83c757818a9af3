"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLiveList } from "@/components/live/use-live-list";
import { GrantCard } from "./grant-card";
import { AddonCard } from "./addon-card";
import { addonKeys, useAddonStatus } from "./use-addon-status";

/** Step 1 (RAM grant and Secret) and Step 2 (install) of the seed, with state read from ACK and the cluster. */
export function AddonsView({ cluster }: { cluster: string }) {
  const t = useTranslations("addons");
  const status = useAddonStatus(cluster);
  const nodes = useLiveList({ cluster, resource: "nodes" });
  const pods = useLiveList({ cluster, resource: "pods" });
  const queryClient = useQueryClient();
  const virtualNodes = (nodes ?? []).filter((n) => n.virtual);
  const virtualNames = new Set(virtualNodes.map((n) => n.name));
  const eciPods = (pods ?? []).filter((p) => p.nodeName && virtualNames.has(p.nodeName));

  // Virtual nodes come and go live; refresh the derived state when they do.
  const nodeSignature = virtualNodes.map((n) => `${n.name}:${n.ready}`).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature is the trigger, on purpose
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: addonKeys.status(cluster) });
  }, [nodeSignature, cluster, queryClient]);

  if (status.isPending)
    return (
      <p role="status" className="text-slate-500">
        {t("reading")}
      </p>
    );
  if (status.isError)
    return (
      <p role="alert" className="text-red-700">
        {t("readFailed", { message: status.error.message })}
      </p>
    );
  const data = status.data;
  return (
    <div className="space-y-6">
      {!data.cloudConfigured && (
        <p role="alert" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {t("noCloudCredentials")}
        </p>
      )}
      {data.problems.length > 0 && (
        <ul role="alert" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {data.problems.map((p) => (
            <li key={p}>{t("couldNotRead", { what: p })}</li>
          ))}
        </ul>
      )}
      <GrantCard cluster={cluster} status={data} />
      <AddonCard cluster={cluster} status={data} virtualNodes={virtualNodes} eciPods={eciPods} />
      {data.catalog.length > 0 && (
        <section aria-labelledby="catalog-title" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
          <h2 id="catalog-title" className="mb-2 font-semibold">
            {t("catalogTitle")}
          </h2>
          <ul className="divide-y divide-slate-100" data-testid="addon-catalog">
            {data.catalog.map((a) => (
              <li key={a.name} className="flex gap-3 py-1.5">
                <span className="font-mono">{a.name}</span>
                <span className="text-slate-500">{a.version}</span>
                <span className="text-slate-500">{a.category}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
