"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import type { NodeSummary } from "@/lib/node-summary";
import { age } from "@/lib/age";

// Memoised (with its nodes memoised by the page): live batches of pods do not change it.
export const VirtualNodeTable = memo(VirtualNodeTableView);

function VirtualNodeTableView({ nodes, cluster }: { nodes: NodeSummary[] | undefined; cluster: string }) {
  const t = useTranslations("virtualNodes.table");
  return (
    <section aria-label={t("title")} className="rounded border border-slate-200 bg-white">
      <h2 className="border-b border-slate-100 px-3 py-2 font-semibold">{t("title")}</h2>
      {nodes === undefined ? (
        <p className="p-3 text-sm text-slate-500" role="status">
          {t("loading")}
        </p>
      ) : nodes.length === 0 ? (
        <p className="p-3 text-sm text-slate-600">
          {t.rich("empty", {
            install: (chunks) => (
              <a className="text-sky-700 underline" href={`/clusters/${encodeURIComponent(cluster)}/addons`}>
                {chunks}
              </a>
            ),
          })}
        </p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="px-3 py-1 font-normal">{t("name")}</th>
              <th className="px-3 py-1 font-normal">{t("status")}</th>
              <th className="px-3 py-1 font-normal">{t("zone")}</th>
              <th className="px-3 py-1 font-normal">{t("age")}</th>
              <th className="px-3 py-1 font-normal">{t("version")}</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => (
              <tr key={n.name} data-testid="virtual-node-row" className="border-t border-slate-50">
                <td className="px-3 py-1 font-mono">{n.name}</td>
                <td className={`px-3 py-1 ${n.ready === "Ready" ? "text-emerald-700" : "text-red-700"}`} title={n.readyMessage}>
                  {n.ready}
                  {n.readyMessage ? ` — ${n.readyMessage}` : ""}
                </td>
                <td className="px-3 py-1">{n.zone ?? "—"}</td>
                <td className="px-3 py-1">{n.createdAt ? age(n.createdAt) : "—"}</td>
                <td className="px-3 py-1">{n.version ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
