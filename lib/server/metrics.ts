import "server-only";
import { timingSafeEqual } from "node:crypto";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ActionResult } from "@/lib/action-result";
import type { UserFacingError } from "@/lib/errors";
import { watchHub } from "@/lib/k8s/watch-hub";

// The console's Prometheus metrics (`/metrics`). One registry per process, kept on globalThis: Next.js may load this
// module more than once (route handlers and server actions are separate bundles), and a second registry would split
// the counts between them.

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "vnode_console_" });
  const streams = { open: 0 };
  const metrics = {
    registry,
    streams,
    upstreamWatches: new Gauge({
      name: "vnode_upstream_watches",
      help: "Kubernetes watches the shared watch hub holds open, by state (one per cluster/resource/selector, shared by every tab).",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const watch of watchHub.stats()) this.inc({ state: watch.state });
      },
    }),
    watchSubscribers: new Gauge({
      name: "vnode_watch_subscribers",
      help: "Live-stream subscriptions served from the shared watches.",
      registers: [registry],
      collect() {
        this.set(watchHub.stats().reduce((sum, watch) => sum + watch.subscribers, 0));
      },
    }),
    sseClients: new Gauge({
      name: "vnode_sse_clients",
      help: "Open Server-Sent Events streams (one per browser, or per tab without SharedWorker).",
      registers: [registry],
      collect() {
        this.set(streams.open);
      },
    }),
    sseFrames: new Counter({ name: "vnode_sse_frames_sent_total", help: "Frames sent on the live streams, by kind.", labelNames: ["kind"] as const, registers: [registry] }),
    actions: new Counter({
      name: "vnode_actions_total",
      help: "Server actions answered, by action and result (ok, or the error code).",
      labelNames: ["action", "result"] as const,
      registers: [registry],
    }),
    actionSeconds: new Histogram({
      name: "vnode_action_duration_seconds",
      help: "Time to answer a server action, by action and outcome (ok | error).",
      labelNames: ["action", "outcome"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    upstreamErrors: new Counter({
      name: "vnode_upstream_errors_total",
      help: "Errors met while acting, by where they came from (cloud, kubernetes, network, console) and code.",
      labelNames: ["source", "code"] as const,
      registers: [registry],
    }),
  };
  return metrics;
}

const globalForMetrics = globalThis as unknown as { __vnodeMetrics?: ReturnType<typeof createMetrics> };
globalForMetrics.__vnodeMetrics ??= createMetrics();
export const metrics = globalForMetrics.__vnodeMetrics;

/** Counts one answered action and its duration. */
export function observeAction(action: string, result: ActionResult<unknown>, startedAt: number) {
  const seconds = (performance.now() - startedAt) / 1000;
  metrics.actions.inc({ action, result: result.ok ? "ok" : result.error.code });
  metrics.actionSeconds.observe({ action, outcome: result.ok ? "ok" : "error" }, seconds);
}

/** Counts an error from the cloud, Kubernetes or the network met while acting. */
export function countError(error: Pick<UserFacingError, "source" | "code">) {
  metrics.upstreamErrors.inc({ source: error.source, code: error.code });
}

/** The exposition text and its content type. */
export async function renderMetrics() {
  return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
}

/** Why a scrape is refused, or null. With VNODE_METRICS_TOKEN set, the scraper must send `Bearer <token>`. */
export function metricsAccess(authorization: string | null): string | null {
  const token = process.env.VNODE_METRICS_TOKEN;
  if (!token) return null;
  const sent = authorization?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b) ? null : "Send the metrics token (VNODE_METRICS_TOKEN) as `Authorization: Bearer <token>`.";
}
