"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { linkCluster } from "@/app/clusters/actions";
import { ActionNotice, noticeOf } from "@/components/action-notice";
import type { ClusterLink } from "@/lib/console-config/schema";

export function ClusterLinkForm({ context, link }: { context: string; link?: ClusterLink }) {
  const t = useTranslations("clusters.link");
  const [state, action, pending] = useActionState(linkCluster, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-700" data-testid="cluster-link">
        {t("label")} {link ? <span className="font-mono">{link.ackClusterId}</span> : <span className="text-red-700">{t("notLinked")}</span>}
        {link && <span className="text-slate-500"> {t("how", { region: link.regionId, by: link.linkedBy === "auto" ? "auto" : "user" })}</span>} {t("change")}
      </summary>
      <form action={action} className="mt-2 flex flex-wrap items-end gap-3">
        <input type="hidden" name="cluster" value={context} />
        <label className="flex flex-col gap-1">
          <span>{t("clusterId")}</span>
          <input
            name="ackClusterId"
            defaultValue={link?.ackClusterId}
            required
            aria-invalid={Boolean(errors.ackClusterId)}
            className="w-80 rounded border border-slate-300 px-2 py-1 font-mono"
          />
          {errors.ackClusterId && <span className="text-red-700">{errors.ackClusterId}</span>}
        </label>
        <label className="flex flex-col gap-1">
          <span>{t("region")}</span>
          <input
            name="regionId"
            defaultValue={link?.regionId ?? "cn-hangzhou"}
            required
            aria-invalid={Boolean(errors.regionId)}
            className="w-36 rounded border border-slate-300 px-2 py-1 font-mono"
          />
          {errors.regionId && <span className="text-red-700">{errors.regionId}</span>}
        </label>
        <button type="submit" disabled={pending} className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white disabled:opacity-60">
          {pending ? t("saving") : t("save")}
        </button>
        <ActionNotice notice={state && noticeOf(state)} className="basis-full" />
      </form>
    </details>
  );
}
