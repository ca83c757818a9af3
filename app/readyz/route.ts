import { readiness } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

/** Readiness, as the apiserver's own /readyz: 200 "ok" or 503 with what fails; `?verbose` lists every check. */
export async function GET(request: Request) {
  const { ready, checks } = await readiness();
  const verbose = new URL(request.url).searchParams.has("verbose");
  const lines = verbose || !ready ? checks.map((c) => `[${c.ok ? "+" : "-"}]${c.name} ${c.ok ? "ok" : "failed"}: ${c.detail}`) : [];
  const body = `${[...lines, ready ? "ok" : "not ready"].join("\n")}\n`;
  return new Response(body, { status: ready ? 200 : 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
