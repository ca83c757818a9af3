import Link from "next/link";

/** An unknown URL, or a cluster that is not a context of the console's kubeconfig. */
export default function NotFound() {
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-6" data-testid="not-found">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="text-sm text-slate-700">
        There is no such page, or no cluster of that name in the console&apos;s kubeconfig. The Clusters page lists every cluster the console can reach.
      </p>
      <Link href="/clusters" className="inline-block rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
        Go to Clusters
      </Link>
    </section>
  );
}
