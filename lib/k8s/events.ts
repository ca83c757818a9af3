import "server-only";
import { CoreV1Api } from "@kubernetes/client-node";
import type { AuditEntry } from "@/lib/audit/entry";
import { apiClient } from "./api-client";

const CLUSTER_SCOPED = new Set(["namespace", "node", "cluster"]);

/** Who did it, as the Event says: the person (display name, user, groups) and the client's address. */
export function eventActor(entry: AuditEntry): string {
  const name = entry.displayName && entry.displayName !== entry.who ? `${entry.displayName} (${entry.who})` : entry.who;
  const groups = entry.groups?.length ? ` [groups: ${entry.groups.join(", ")}]` : "";
  const client = entry.client && entry.client !== "unknown" ? ` from ${entry.client}` : "";
  return `${name}${groups}${client}`;
}

/**
 * A console action as a Kubernetes Event, so `kubectl get events` shows it beside the cluster's own events: in
 * kube-system for the add-on's objects, and in `default` for cluster-scoped targets (a node, a namespace, the cluster),
 * as kubectl and the kubelet do: the apiserver refuses an Event whose namespace differs from its namespaced object's,
 * and one for a cluster-scoped object is accepted only in `default`. Written with the console's own credentials (a
 * person may not create Events), naming the person. The message never holds secrets.
 */
export async function createConsoleEvent(entry: AuditEntry) {
  const core = apiClient(entry.cluster, CoreV1Api);
  const [kind, name] = entry.target.split("/");
  const clusterScoped = CLUSTER_SCOPED.has(kind);
  const namespace = clusterScoped ? "default" : "kube-system";
  const at = new Date(entry.at);
  await core.createNamespacedEvent({
    namespace,
    body: {
      metadata: { generateName: "vnode-console-" },
      involvedObject: {
        kind: kind.charAt(0).toUpperCase() + kind.slice(1),
        name,
        namespace: clusterScoped ? undefined : "kube-system",
      },
      reason: `Console${entry.action.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
      message: `${eventActor(entry)}: ${entry.message}`,
      type: entry.result === "failed" ? "Warning" : "Normal",
      source: { component: "vnode-console" },
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
    },
  });
}
