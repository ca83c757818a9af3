import { useTranslations } from "next-intl";

/** What a page shows while it waits on the cluster or the cloud. */
export function PageLoading({ what }: { what: "clusters" | "addons" | "virtualNodes" | "activity" }) {
  const t = useTranslations("ui.loading");
  return (
    <p role="status" aria-live="polite" className="animate-pulse rounded border border-slate-200 bg-white p-6 text-slate-500">
      {t(what)}
    </p>
  );
}
