import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { getConsoleCluster } from "@/lib/k8s/clusters";
import { VirtualNodesView } from "@/components/virtual-nodes/virtual-nodes-view";

export const dynamic = "force-dynamic";

export default async function VirtualNodesPage({ params }: { params: Promise<{ cluster: string }> }) {
  await requireSession();
  const id = decodeURIComponent((await params).cluster);
  const cluster = await getConsoleCluster(id);
  if (!cluster) notFound();
  return (
    <section className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/clusters" className="hover:underline">Clusters</Link> / <span className="font-mono">{id}</span> / Virtual Nodes
      </nav>
      <VirtualNodesView cluster={id} />
    </section>
  );
}
