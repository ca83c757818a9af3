import { guardRoute } from "@/lib/server/guard";
import { observeAddon } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

/** The ack-virtual-node card's state for one cluster, read fresh from ACK and the cluster. */
export const GET = guardRoute<{ cluster: string }>(async ({ params, actor }) => {
  const status = await observeAddon(decodeURIComponent(params.cluster), actor.kube);
  if (!status)
    return Response.json(
      {
        error: { code: "UnknownCluster", title: "No such cluster in the console's kubeconfig", whatToDo: "Pick one on the Clusters page.", retryable: false },
        message: "No such cluster in the console's kubeconfig.",
      },
      { status: 404 },
    );
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
