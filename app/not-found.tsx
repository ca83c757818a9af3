import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** An unknown URL, or a cluster that is not a context of the console's kubeconfig. */
export default async function NotFound() {
  const t = await getTranslations("ui.notFound");
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-6" data-testid="not-found">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("body")}</p>
      <Link href="/clusters" className="inline-block rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
        {t("goToClusters")}
      </Link>
    </section>
  );
}
