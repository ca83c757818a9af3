import { clusterForPage } from "@/lib/server/pages";
import { ClusterBreadcrumb } from "@/components/cluster-breadcrumb";
import { AddonsView } from "@/components/addons/addons-view";

export const dynamic = "force-dynamic";

export default async function AddonsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const cluster = await clusterForPage(params);
  return (
    <section className="space-y-4">
      <ClusterBreadcrumb cluster={cluster.id} page="Add-ons" />
      <h1 className="text-2xl font-semibold">Add-ons</h1>
      <AddonsView cluster={cluster.id} />
    </section>
  );
}
