import "server-only";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { CoreV1Api } from "@kubernetes/client-node";
import { consoleConfigPath } from "@/lib/console-config/store";
import { kubeConfigFor } from "@/lib/k8s/kubeconfig";
import { auditEntrySchema, type AuditEntry } from "./entry";

const activityLog = () => path.join(path.dirname(consoleConfigPath()), "activity.jsonl");

/**
 * Who did what, when, with what result: appended to the console's activity log and written as a Kubernetes Event
 * in kube-system, so `kubectl get events -n kube-system` shows console actions too. Messages never hold secrets.
 */
export async function recordAudit(entry: Omit<AuditEntry, "at">) {
  const full: AuditEntry = { at: new Date().toISOString(), ...entry };
  await mkdir(path.dirname(activityLog()), { recursive: true });
  await appendFile(activityLog(), JSON.stringify(full) + "\n", { mode: 0o600 });
  try {
    const core = kubeConfigFor(entry.cluster).makeApiClient(CoreV1Api);
    const [kind, name] = entry.target.split("/");
    await core.createNamespacedEvent({
      namespace: "kube-system",
      body: {
        metadata: { generateName: "vnode-console-" },
        involvedObject: { kind: kind.charAt(0).toUpperCase() + kind.slice(1), name, namespace: kind === "namespace" || kind === "node" ? undefined : "kube-system" },
        reason: `Console${entry.action.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
        message: `${entry.who}: ${entry.message}`,
        type: entry.result === "failed" ? "Warning" : "Normal",
        source: { component: "vnode-console" },
        firstTimestamp: new Date(),
        lastTimestamp: new Date(),
        count: 1,
      },
    });
  } catch {
    // The activity log has the record; an unreachable cluster must not turn a finished action into a failure.
  }
}

export async function readActivity(limit = 200): Promise<AuditEntry[]> {
  const text = await readFile(activityLog(), "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => auditEntrySchema.safeParse(JSON.parse(line)))
    .flatMap((r) => (r.success ? [r.data] : []))
    .reverse()
    .slice(0, limit);
}
