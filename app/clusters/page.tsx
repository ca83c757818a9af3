import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { clusterCards, eciRegionsForPage, listConsoleClusters, requirePageActor, type Actor, type ClusterCardData, type ConsoleCluster } from "@/lib/server/pages";
import { PrerequisiteList } from "@/components/prerequisite-list";
import { ClusterLinkForm } from "@/components/cluster-link-form";
import { useTranslations } from "next-intl";

export const dynamic = "force-dynamic";

export default async function ClustersPage() {
  const actor = await requirePageActor();
  const t = await getTranslations("clusters");
  const [{ clusters, cloudError, registeredWithoutContext }, regions] = await Promise.all([listConsoleClusters(), eciRegionsForPage()]);
  // Probed in parallel (a bounded pool); each card streams in as its cluster answers.
  const cards = clusterCards(clusters, regions, actor);
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      {cloudError && (
        <p role="alert" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {cloudError}
        </p>
      )}
      {clusters.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-6 text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="space-y-4">
          {clusters.map((cluster) => (
            <li key={cluster.id}>
              <Suspense
                fallback={
                  <ClusterCardShell cluster={cluster}>
                    <p className="text-sm text-slate-500">{t("checking")}</p>
                  </ClusterCardShell>
                }
              >
                <ClusterCard cluster={cluster} card={cards.get(cluster.id)!} actor={actor} />
              </Suspense>
            </li>
          ))}
        </ul>
      )}
      {registeredWithoutContext.length > 0 && (
        <section aria-labelledby="unlinked-title" className="rounded-lg border border-dashed border-slate-300 bg-white p-5 text-sm">
          <h2 id="unlinked-title" className="font-semibold">
            {t("unlinked.title")}
          </h2>
          <p className="text-slate-600">{t("unlinked.intro")}</p>
          <ul className="mt-2 space-y-1" data-testid="registered-without-context">
            {registeredWithoutContext.map((r) => (
              <li key={r.clusterId}>
                <span className="font-medium">{r.name}</span> <span className="font-mono text-slate-600">{r.clusterId}</span>{" "}
                <span className="text-slate-500">
                  {r.regionId}
                  {r.state ? ` · ${r.state}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function ClusterCardShell({ cluster, children }: { cluster: ConsoleCluster; children: React.ReactNode }) {
  const t = useTranslations("clusters");
  return (
    <article aria-label={t("cardLabel", { cluster: cluster.id })} data-testid="cluster-card" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <header className="flex flex-wrap items-baseline gap-3">
        <h2 className="font-mono text-lg font-semibold">{cluster.id}</h2>
        <span className="text-xs text-slate-500">{cluster.server}</span>
      </header>
      {children}
    </article>
  );
}

async function ClusterCard({ cluster, card, actor }: { cluster: ConsoleCluster; card: Promise<ClusterCardData>; actor: Actor }) {
  const { probe, unreachable, checks } = await card;
  const t = await getTranslations("clusters");
  const base = `/clusters/${encodeURIComponent(cluster.id)}`;
  return (
    <ClusterCardShell cluster={cluster}>
      {!probe.reachable ? (
        <p role="alert" data-testid="cluster-unreachable" className="text-sm text-red-700">
          <strong className="font-semibold">{t("unreachable", { title: unreachable?.title ?? "" })}</strong> {unreachable?.whatToDo}
        </p>
      ) : (
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-5">
          <Fact label={t("facts.kubernetes")} value={probe.gitVersion ?? "?"} testId="k8s-version" />
          <Fact label={t("facts.datacenterNodes")} value={t("facts.readyOfTotal", { ready: probe.datacenterNodes.ready, total: probe.datacenterNodes.total })} testId="dc-nodes" />
          <Fact
            label={t("facts.capacity")}
            value={t("facts.capacityValue", {
              cpu: probe.datacenterNodes.cpuCores,
              memory: Math.round(probe.datacenterNodes.memoryGiB),
              pods: probe.datacenterNodes.pods,
            })}
          />
          <Fact label={t("facts.virtualNodes")} value={t("facts.readyOfTotal", { ready: probe.virtualNodes.ready, total: probe.virtualNodes.total })} testId="virtual-nodes" />
          {/* i18n-ignore: the add-on's name */}
          <Fact label="ack-virtual-node" value={t("facts.addonState", { state: probe.addonController })} testId="addon-state" />
        </dl>
      )}
      {probe.refusedReads && (
        <p role="note" data-testid="cluster-refused-reads" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <strong className="font-semibold">{t("refusedReads", { user: actor.identity.username })}</strong> {probe.refusedReads.join(" ")} {t("refusedReadsAsk")}
        </p>
      )}
      <PrerequisiteList checks={checks} />
      <ClusterLinkForm context={cluster.id} link={cluster.link} />
      <nav aria-label={t("pagesLabel", { cluster: cluster.id })} className="flex gap-4 text-sm">
        <Link className="font-medium text-sky-700 hover:underline" href={`${base}/virtual-nodes`}>
          {t("virtualNodesLink")}
        </Link>
        <Link className="font-medium text-sky-700 hover:underline" href={`${base}/addons`}>
          {t("addonsLink")}
        </Link>
      </nav>
    </ClusterCardShell>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
