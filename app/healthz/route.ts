// Liveness: the process answers. Kubernetes restarts the container when this stops answering; nothing else is checked
// here (an unreachable apiserver is a readiness matter, and restarting would not fix it).
export const dynamic = "force-dynamic";

export function GET() {
  return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
