import { clusterForPage } from "@/lib/server/pages";
import { ClusterBreadcrumb } from "@/components/cluster-breadcrumb";
import { VirtualNodesView } from "@/components/virtual-nodes/virtual-nodes-view";

export const dynamic = "force-dynamic";

export default async function VirtualNodesPage({ params }: { params: Promise<{ cluster: string }> }) {
  const cluster = await clusterForPage(params);
  return (
    <section className="space-y-4">
      <ClusterBreadcrumb cluster={cluster.id} page="Virtual Nodes" />
      <VirtualNodesView cluster={cluster.id} />
    </section>
  );
}
