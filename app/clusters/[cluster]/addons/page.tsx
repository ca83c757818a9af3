import { clusterForPage, pagePermissions, requirePageActor } from "@/lib/server/pages";
import { PermissionsProvider } from "@/components/permissions";
import { ClusterBreadcrumb } from "@/components/cluster-breadcrumb";
import { AddonsView } from "@/components/addons/addons-view";

export const dynamic = "force-dynamic";

export default async function AddonsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const cluster = await clusterForPage(params);
  const permissions = await pagePermissions(cluster.id, await requirePageActor());
  return (
    <section className="space-y-4">
      <ClusterBreadcrumb cluster={cluster.id} page="Add-ons" />
      <h1 className="text-2xl font-semibold">Add-ons</h1>
      <PermissionsProvider value={permissions}>
        <AddonsView cluster={cluster.id} />
      </PermissionsProvider>
    </section>
  );
}
