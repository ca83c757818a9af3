"use client";

import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { useLiveList, useLiveListData } from "@/components/live/use-live-list";
import { StreamHealthBadge } from "@/components/live/stream-health-badge";
import { parseLabelFilter } from "@/lib/live/placement";
import { PlacementIndex } from "@/lib/live/placement-index";
import type { PodView } from "@/lib/live/pod-view";
import { LaneList } from "./lane-list";
import { NamespacePanel } from "./namespace-panel";
import { VirtualNodeTable } from "./virtual-node-table";

/** Where pods run, live: virtual nodes (ECI) and data-center nodes in separate lanes. */
export function VirtualNodesView({ cluster }: { cluster: string }) {
  const nodes = useLiveList({ cluster, resource: "nodes" });
  const pods = useLiveListData({ cluster, resource: "pods" });
  const namespaces = useLiveList({ cluster, resource: "namespaces" });
  const t = useTranslations("virtualNodes");
  const translate = useTranslations();
  const [namespace, setNamespace] = useState("");
  const [labelText, setLabelText] = useState("");
  const labelFilter = useMemo(() => parseLabelFilter(labelText, translate), [labelText, translate]);

  const accept = useMemo(() => {
    const test = labelFilter.ok ? labelFilter.test : () => true;
    return (p: PodView) => (!namespace || p.namespace === namespace) && test(p.labels);
  }, [namespace, labelFilter]);
  // Lanes updated batch by batch (only the pods that changed), not regrouped from all pods on every batch.
  const index = useRef<PlacementIndex>(null);
  index.current ??= new PlacementIndex();
  const placement = useMemo(() => (nodes && pods ? index.current?.place(nodes, pods, accept) : undefined), [nodes, pods, accept]);

  const zoneOf = useMemo(() => new Map((nodes ?? []).map((n) => [n.name, n.zone])), [nodes]);
  const virtualNodes = useMemo(() => nodes?.filter((n) => n.virtual), [nodes]);
  const namespaceNames = useMemo(() => (namespaces ?? []).map((ns) => ns.name).sort(), [namespaces]);
  const onEci = placement?.virtual.reduce((sum, lane) => sum + lane.pods.length, 0) ?? 0;
  const onDatacenter = placement?.datacenter.reduce((sum, lane) => sum + lane.pods.length, 0) ?? 0;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <StreamHealthBadge />
        {placement && (
          <span className="text-sm text-slate-600" data-testid="placement-counts">
            {t("placementCounts", { onEci, onDatacenter, unplaced: placement.unplaced.length })}
          </span>
        )}
        <a className="ml-auto text-sm font-medium text-sky-700 hover:underline" href={`/clusters/${encodeURIComponent(cluster)}/virtual-nodes/settings`}>
          {t("settingsLink")}
        </a>
      </header>

      <VirtualNodeTable nodes={virtualNodes} cluster={cluster} />

      <div className="flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-3 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">{t("namespace")}</span>
          <select value={namespace} onChange={(e) => setNamespace(e.target.value)} className="rounded border border-slate-300 px-2 py-1" aria-label={t("filterByNamespace")}>
            <option value="">{t("allNamespaces")}</option>
            {namespaceNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-72 flex-1 flex-col gap-1">
          <span className="text-slate-600">{t("labels")}</span>
          <input
            value={labelText}
            onChange={(e) => setLabelText(e.target.value)}
            // i18n-ignore: a label selector, typed as kubectl takes it
            placeholder="app=web,alibabacloud.com/eci=true"
            aria-label={t("filterByLabels")}
            aria-invalid={!labelFilter.ok}
            className="rounded border border-slate-300 px-2 py-1 font-mono"
          />
        </label>
        {!labelFilter.ok && (
          <p role="alert" className="basis-full text-red-700">
            {labelFilter.error}
          </p>
        )}
      </div>

      {!placement ? (
        <p className="text-slate-500" role="status">
          {t("loadingNodesAndPods")}
        </p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <section aria-label={t("virtualLane")} data-testid="lane-virtual" className="space-y-3">
            <h2 className="font-semibold">{t("onVirtualNodes")}</h2>
            {placement.virtual.length === 0 ? (
              <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">
                {t.rich("noVirtualNodes", {
                  addons: (chunks) => (
                    <a className="text-sky-700 underline" href={`/clusters/${encodeURIComponent(cluster)}/addons`}>
                      {chunks}
                    </a>
                  ),
                })}
              </p>
            ) : (
              <LaneList lanes={placement.virtual} />
            )}
          </section>
          <section aria-label={t("datacenterLane")} data-testid="lane-datacenter" className="space-y-3">
            <h2 className="font-semibold">{t("onDatacenterNodes")}</h2>
            <LaneList lanes={placement.datacenter} />
            {placement.unplaced.length > 0 && (
              <div data-testid="lane-unplaced" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
                <h3 className="font-medium">{t("notPlacedYet", { count: placement.unplaced.length })}</h3>
                <ul className="mt-1 space-y-0.5">
                  {placement.unplaced.slice(0, 50).map((p) => (
                    <li key={p.uid} className="font-mono">
                      {p.namespace}/{p.name} — {p.status}
                      {p.nodeName ? t("unplacedOnNode", { node: p.nodeName, zone: zoneOf.get(p.nodeName) ?? t("unknownNode") }) : ""}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
        </div>
      )}

      <NamespacePanel cluster={cluster} namespaces={namespaces} />
    </div>
  );
}
