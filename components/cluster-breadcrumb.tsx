import Link from "next/link";

export function ClusterBreadcrumb({ cluster, page }: { cluster: string; page: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
      <Link href="/clusters" className="hover:underline">
        Clusters
      </Link>{" "}
      / <span className="font-mono">{cluster}</span> / {page}
    </nav>
  );
}
