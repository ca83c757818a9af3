import "server-only";
import { ConsoleError } from "@/lib/errors";
import { setNamespaceLabel } from "@/lib/k8s/namespaces";
import { ECI_LABEL } from "@/lib/live/namespace-view";
import type { ImpersonatedUser } from "@/lib/k8s/api-client";

// Pods of these namespaces run the cluster itself, including ack-virtual-node's own controller and webhook: sending
// their new pods to ECI would put the add-on behind itself (a controller that cannot start without its own webhook).
const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease"]);

/** Labels (or unlabels) a namespace `alibabacloud.com/eci=true`, so its new pods go to virtual nodes. */
export async function setNamespaceEci(cluster: string, namespace: string, enabled: boolean, as?: ImpersonatedUser): Promise<string> {
  if (enabled && SYSTEM_NAMESPACES.has(namespace)) {
    throw new ConsoleError({
      code: "SystemNamespace",
      title: `${namespace} cannot be sent to ECI`,
      whatToDo: `${namespace} runs the cluster's own components, among them ack-virtual-node's controller and webhook; its pods must stay on data-center nodes. Label the namespaces of your workloads instead.`,
    });
  }
  await setNamespaceLabel(cluster, namespace, ECI_LABEL, enabled ? "true" : null, as);
  return enabled
    ? `New pods in ${namespace} now go to virtual nodes (ECI). Running pods stay where they are.`
    : `New pods in ${namespace} stay on data-center nodes. Running ECI pods stay where they are.`;
}
