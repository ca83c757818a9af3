import Link from "next/link";
import { useTranslations } from "next-intl";

/** `page`: the page's name, already in the reader's language. */
export function ClusterBreadcrumb({ cluster, page }: { cluster: string; page: string }) {
  const t = useTranslations();
  return (
    <nav aria-label={t("ui.breadcrumb")} className="text-sm text-slate-500">
      <Link href="/clusters" className="hover:underline">
        {t("clusters.title")}
      </Link>{" "}
      / <span className="font-mono">{cluster}</span> / {page}
    </nav>
  );
}
