import "server-only";
import { CoreV1Api } from "@kubernetes/client-node";
import type { AuditEntry } from "@/lib/audit/entry";
import { apiClient } from "./api-client";

/**
 * A console action as a Kubernetes Event in kube-system, so `kubectl get events -n kube-system` shows it beside the
 * cluster's own events. The message never holds secrets (audit messages are built without them).
 */
export async function createConsoleEvent(entry: AuditEntry) {
  const core = apiClient(entry.cluster, CoreV1Api);
  const [kind, name] = entry.target.split("/");
  const at = new Date(entry.at);
  await core.createNamespacedEvent({
    namespace: "kube-system",
    body: {
      metadata: { generateName: "vnode-console-" },
      involvedObject: {
        kind: kind.charAt(0).toUpperCase() + kind.slice(1),
        name,
        namespace: kind === "namespace" || kind === "node" || kind === "cluster" ? undefined : "kube-system",
      },
      reason: `Console${entry.action.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
      message: `${entry.who}: ${entry.message}`,
      type: entry.result === "failed" ? "Warning" : "Normal",
      source: { component: "vnode-console" },
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
    },
  });
}
