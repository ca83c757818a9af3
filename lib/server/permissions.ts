import "server-only";
import { CoreV1Api } from "@kubernetes/client-node";
import { errorSentence } from "@/lib/errors";
import { currentTranslator } from "@/lib/i18n/locale-context";
import { mayAccessSelf } from "@/lib/k8s/access-review";
import { apiClient } from "@/lib/k8s/api-client";
import type { PagePermissions } from "@/lib/page-permissions";
import { authorize, type Actor } from "./guard";

export type { PagePermissions };

const MAX_NAMESPACE_REVIEWS = 200;

/** The buttons a person may use on a cluster's pages; the server refuses the others anyway (the guard, Kubernetes). */
export async function pagePermissions(cluster: string, actor: Actor): Promise<PagePermissions> {
  const refusal = (permission: "operate" | "admin") => {
    const refused = authorize(actor, permission);
    return refused && errorSentence(refused);
  };
  const labelRefusal = currentTranslator()("server.labelRefusal", { user: actor.identity.username });
  let labelNamespaces: "all" | string[] = "all";
  if (actor.kube) {
    const patch = (namespace?: string) => mayAccessSelf(cluster, actor.kube, { verb: "patch", group: "", resource: "namespaces", namespace, name: namespace }).catch(() => false);
    if (!(await patch())) {
      const { items } = await apiClient(cluster, CoreV1Api).listNamespace({ limit: MAX_NAMESPACE_REVIEWS });
      const names = items.map((ns) => ns.metadata?.name ?? "").filter(Boolean);
      const allowed = await Promise.all(names.map((name) => patch(name)));
      labelNamespaces = names.filter((_, i) => allowed[i]);
    }
  }
  return { operate: refusal("operate"), admin: refusal("admin"), labelNamespaces, labelRefusal };
}
