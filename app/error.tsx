"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

/** A page that failed to render: say so plainly, offer a retry, never show a stack trace. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("ui.error");
  return (
    <section role="alert" className="space-y-3 rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-xl font-semibold text-red-800">{t("title")}</h1>
      <p className="text-sm text-slate-700">{error.digest ? t.rich("bodyWithReference", { digest: error.digest, code: (c) => <code>{c}</code> }) : t("body")}</p>
      <div className="flex gap-3 text-sm">
        <button type="button" onClick={reset} className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800">
          {t("retry")}
        </button>
        <Link href="/clusters" className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          {t("backToClusters")}
        </Link>
      </div>
    </section>
  );
}
