import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { clusterForPage, loadEciProfile, loadNetworkState, profileRegion, requirePageActor, type ConsoleCluster } from "@/lib/server/pages";
import { EciProfileSettings } from "@/components/eci-profile/eci-profile-settings";

export const dynamic = "force-dynamic";

export default async function EciProfileSettingsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const cluster = await clusterForPage(params);
  const { id } = cluster;
  const base = `/clusters/${encodeURIComponent(id)}`;
  const t = await getTranslations("eciProfile.page");
  return (
    <section className="space-y-4">
      <nav aria-label={t("breadcrumb")} className="text-sm text-slate-500">
        <Link href="/clusters" className="hover:underline">
          {t("clusters")}
        </Link>{" "}
        / <span className="font-mono">{id}</span> /{" "}
        <Link href={`${base}/virtual-nodes`} className="hover:underline">
          {t("virtualNodes")}
        </Link>{" "}
        / {t("settings")}
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t.rich("intro", { code: (c) => <code>{c}</code>, strong: (c) => <strong>{c}</strong> })}</p>
      </header>
      <Suspense
        fallback={
          <p role="status" className="text-slate-500">
            {t("loading")}
          </p>
        }
      >
        <SettingsLoader cluster={cluster} />
      </Suspense>
    </section>
  );
}

async function SettingsLoader({ cluster }: { cluster: ConsoleCluster }) {
  const regionId = profileRegion(cluster);
  const actor = await requirePageActor();
  const [profile, network] = await Promise.all([loadEciProfile(cluster, actor.kube), loadNetworkState(regionId)]);
  const addons = `/clusters/${encodeURIComponent(cluster.id)}/addons`;
  const t = await getTranslations("eciProfile.page");
  if (!profile.ok)
    return (
      <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        {t("readFailed", { message: profile.message })}
      </p>
    );
  if (!profile.snapshot)
    return (
      <div role="alert" data-testid="eci-profile-missing" className="rounded border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
        {t.rich("missing", {
          code: (c) => <code>{c}</code>,
          addons: (c) => (
            <Link className="font-medium text-sky-700 underline" href={addons}>
              {c}
            </Link>
          ),
        })}
      </div>
    );
  return <EciProfileSettings cluster={cluster.id} regionId={regionId} regionGuessed={!cluster.link} initial={profile.snapshot} network={network} />;
}
