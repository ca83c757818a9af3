"use client";

import { useActionState } from "react";
import { linkCluster } from "@/app/clusters/actions";
import { ActionNotice, noticeOf } from "@/components/action-notice";
import type { ClusterLink } from "@/lib/console-config/schema";

export function ClusterLinkForm({ context, link }: { context: string; link?: ClusterLink }) {
  const [state, action, pending] = useActionState(linkCluster, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-700" data-testid="cluster-link">
        ACK registered cluster: {link ? <span className="font-mono">{link.ackClusterId}</span> : <span className="text-red-700">not linked</span>}
        {link && (
          <span className="text-slate-500">
            {" "}
            ({link.regionId}, {link.linkedBy === "auto" ? "matched by name" : "set by you"})
          </span>
        )}{" "}
        — change
      </summary>
      <form action={action} className="mt-2 flex flex-wrap items-end gap-3">
        <input type="hidden" name="cluster" value={context} />
        <label className="flex flex-col gap-1">
          <span>Cluster ID</span>
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
          <span>Region</span>
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
          {pending ? "Saving…" : "Save link"}
        </button>
        <ActionNotice notice={state && noticeOf(state)} className="basis-full" />
      </form>
    </details>
  );
}
