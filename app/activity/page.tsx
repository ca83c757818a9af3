import { getFormatter, getTranslations } from "next-intl/server";
import { readActivity, requirePageActor } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

export default async function ActivityPage() {
  await requirePageActor();
  const entries = await readActivity();
  const t = await getTranslations("activity");
  const format = await getFormatter();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">
        {t("intro")} {t("recordedNote")}
      </p>
      {entries.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-6 text-slate-700">{t("empty")}</p>
      ) : (
        <table className="w-full rounded border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">{t("when")}</th>
              <th className="px-3 py-2">{t("who")}</th>
              <th className="px-3 py-2">{t("cluster")}</th>
              <th className="px-3 py-2">{t("action")}</th>
              <th className="px-3 py-2">{t("target")}</th>
              <th className="px-3 py-2">{t("result")}</th>
              <th className="px-3 py-2">{t("message")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: records have no id; the table is rendered once per request
              <tr key={i} className="border-t border-slate-100 align-top" data-testid="activity-row">
                <td className="whitespace-nowrap px-3 py-2">
                  <time dateTime={e.at}>{format.dateTime(new Date(e.at), { dateStyle: "medium", timeStyle: "medium" })}</time>
                </td>
                <td className="px-3 py-2" data-testid="activity-who">
                  <span className="font-medium">{e.displayName ?? e.who}</span>
                  {e.displayName && e.displayName !== e.who && <span className="block font-mono text-xs text-slate-600">{e.who}</span>}
                  {e.groups && e.groups.length > 0 && <span className="block text-xs text-slate-500">{t("groups", { groups: format.list(e.groups) })}</span>}
                  {e.client && e.client !== "unknown" && <span className="block text-xs text-slate-500">{t("from", { client: e.client })}</span>}
                </td>
                <td className="px-3 py-2 font-mono">{e.cluster}</td>
                <td className="px-3 py-2">{e.action}</td>
                <td className="px-3 py-2 font-mono">{e.target}</td>
                <td className={`px-3 py-2 ${e.result === "failed" ? "text-red-700" : "text-emerald-700"}`}>{t("resultValue", { result: e.result })}</td>
                <td className="px-3 py-2">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
