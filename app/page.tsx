import { listNodeSummaries } from "@/lib/k8s/nodes";
import { NodeTable } from "@/components/node-table";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const result = await listNodeSummaries().then(
    (nodes) => ({ nodes }),
    (error: Error) => ({ error: error.message }),
  );
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Nodes</h1>
      {"error" in result ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-4 text-red-800">
          Could not reach the cluster: {result.error}. Check that the kubeconfig in KUBECONFIG points at a running cluster.
        </p>
      ) : (
        <NodeTable nodes={result.nodes} />
      )}
    </section>
  );
}
