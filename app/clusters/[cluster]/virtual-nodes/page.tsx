import { getTranslations } from "next-intl/server";
import { clusterForPage, pagePermissions, requirePageActor } from "@/lib/server/pages";
import { PermissionsProvider } from "@/components/permissions";
import { ClusterBreadcrumb } from "@/components/cluster-breadcrumb";
import { VirtualNodesView } from "@/components/virtual-nodes/virtual-nodes-view";

export const dynamic = "force-dynamic";

export default async function VirtualNodesPage({ params }: { params: Promise<{ cluster: string }> }) {
  const cluster = await clusterForPage(params);
  const permissions = await pagePermissions(cluster.id, await requirePageActor());
  const t = await getTranslations("virtualNodes");
  return (
    <section className="space-y-4">
      <ClusterBreadcrumb cluster={cluster.id} page={t("title")} />
      <PermissionsProvider value={permissions}>
        <VirtualNodesView cluster={cluster.id} />
      </PermissionsProvider>
    </section>
  );
}
