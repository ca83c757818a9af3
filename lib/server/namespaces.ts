import "server-only";
import { ConsoleError, words, type Message } from "@/lib/errors";
import { setNamespaceLabel } from "@/lib/k8s/namespaces";
import { ECI_LABEL } from "@/lib/live/namespace-view";
import type { ImpersonatedUser } from "@/lib/k8s/api-client";

// Pods of these namespaces run the cluster itself, including ack-virtual-node's own controller and webhook: sending
// their new pods to ECI would put the add-on behind itself (a controller that cannot start without its own webhook).
const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease"]);

/** Labels (or unlabels) a namespace `alibabacloud.com/eci=true`, so its new pods go to virtual nodes. */
export async function setNamespaceEci(cluster: string, namespace: string, enabled: boolean, as?: ImpersonatedUser): Promise<Message> {
  if (enabled && SYSTEM_NAMESPACES.has(namespace)) {
    throw new ConsoleError({
      code: "SystemNamespace",
      title: words("server.namespaces.system.title", { namespace }),
      whatToDo: words("server.namespaces.system.whatToDo", { namespace }),
    });
  }
  await setNamespaceLabel(cluster, namespace, ECI_LABEL, enabled ? "true" : null, as);
  return words(enabled ? "server.namespaces.labelled" : "server.namespaces.unlabelled", { namespace });
}
