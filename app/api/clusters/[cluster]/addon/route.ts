import { errorSentence } from "@/lib/errors";
import { currentTranslator } from "@/lib/i18n/locale-context";
import { guardRoute } from "@/lib/server/guard";
import { observeAddon } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

/** The ack-virtual-node card's state for one cluster, read fresh from ACK and the cluster. */
export const GET = guardRoute<{ cluster: string }>(async ({ params, actor }) => {
  const status = await observeAddon(decodeURIComponent(params.cluster), actor.kube);
  if (!status) {
    // guardRoute runs this in the caller's language.
    const t = currentTranslator();
    const error = { code: "UnknownCluster", title: t("server.noSuchCluster"), whatToDo: t("server.kube.pickCluster"), retryable: false };
    return Response.json({ error, message: errorSentence(error) }, { status: 404 });
  }
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
