import "server-only";
import type { AuditEntry } from "@/lib/audit/entry";
import { createConsoleEvent } from "@/lib/k8s/events";
import { consoleState } from "./state";

/**
 * Who did what, when, with what result: kept in the console's Activity store (activity.jsonl on a laptop, a bounded
 * ConfigMap shared by every replica in the cluster) and written as a Kubernetes Event naming the person (in kube-system,
 * or in default for a node, a namespace or the cluster: lib/k8s/events.ts). Messages never
 * hold secrets. Never throws: the change it records has already happened, and a failed record must not make the user
 * retry it.
 */
export async function recordAudit(entry: Omit<AuditEntry, "at">): Promise<void> {
  const full: AuditEntry = { at: new Date().toISOString(), ...entry };
  try {
    await consoleState().activity.append(full);
  } catch (error) {
    console.error(`activity log: could not append a record (${(error as Error).message})`);
  }
  // An unreachable cluster must not turn a finished action into a failure; the activity store has the record.
  await createConsoleEvent(full).catch(() => undefined);
}

/** The newest records first; a half-written or foreign record is skipped, never fatal. */
export async function readActivity(limit = 200): Promise<AuditEntry[]> {
  return consoleState().activity.read(limit);
}
