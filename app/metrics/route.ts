import { metricsAccess, renderMetrics } from "@/lib/server/metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics. Counts only, never names of users or objects; when VNODE_METRICS_TOKEN is set, a scraper must
 * send it as a bearer token (the chart can keep the port cluster-internal instead).
 */
export async function GET(request: Request) {
  const refused = metricsAccess(request.headers.get("authorization"));
  if (refused) return Response.json({ error: "unauthorized", message: refused }, { status: 401 });
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
