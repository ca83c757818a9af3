import Link from "next/link";
import { Suspense } from "react";
import { clusterForPage, loadEciProfile, loadNetworkState, profileRegion, requirePageActor, type ConsoleCluster } from "@/lib/server/pages";
import { EciProfileSettings } from "@/components/eci-profile/eci-profile-settings";

export const dynamic = "force-dynamic";

export default async function EciProfileSettingsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const cluster = await clusterForPage(params);
  const { id } = cluster;
  const base = `/clusters/${encodeURIComponent(id)}`;
  return (
    <section className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/clusters" className="hover:underline">
          Clusters
        </Link>{" "}
        / <span className="font-mono">{id}</span> /{" "}
        <Link href={`${base}/virtual-nodes`} className="hover:underline">
          Virtual Nodes
        </Link>{" "}
        / Settings
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Virtual node settings</h1>
        <p className="text-sm text-slate-600">
          <code>kube-system/eci-profile</code>: the vSwitches, security group and selectors ack-virtual-node uses for ECI pods. Changes apply to <strong>new ECI pods only</strong>
          {"; "}running pods keep their network until they are recreated.
        </p>
      </header>
      <Suspense
        fallback={
          <p role="status" className="text-slate-500">
            Loading eci-profile and the VPC&apos;s vSwitches…
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
  if (!profile.ok)
    return (
      <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        Could not read kube-system/eci-profile: {profile.message}
      </p>
    );
  if (!profile.snapshot)
    return (
      <div role="alert" data-testid="eci-profile-missing" className="rounded border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
        This cluster has no <code>kube-system/eci-profile</code>: install ack-virtual-node first, on the{" "}
        <Link className="font-medium text-sky-700 underline" href={addons}>
          Add-ons page
        </Link>
        . The add-on creates it.
      </div>
    );
  return <EciProfileSettings cluster={cluster.id} regionId={regionId} regionGuessed={!cluster.link} initial={profile.snapshot} network={network} />;
}
