import { currentSession } from "@/lib/auth/session";
import { observeAddon } from "@/lib/addon-status/observe";

export const dynamic = "force-dynamic";

/** The ack-virtual-node card's state for one cluster, read fresh from ACK and the cluster. */
export async function GET(_request: Request, { params }: { params: Promise<{ cluster: string }> }) {
  if (!(await currentSession())) return Response.json({ error: "unauthenticated", message: "Sign in first." }, { status: 401 });
  const status = await observeAddon(decodeURIComponent((await params).cluster));
  if (!status) return Response.json({ error: "not-found", message: "No such cluster in the console's kubeconfig." }, { status: 404 });
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
}
