import "server-only";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { auditEntrySchema, type AuditEntry } from "@/lib/audit/entry";
import { consoleConfigPath } from "@/lib/console-config/store";
import { createConsoleEvent } from "@/lib/k8s/events";

const activityLog = () => path.join(path.dirname(consoleConfigPath()), "activity.jsonl");

/**
 * Who did what, when, with what result: appended to the console's activity log and written as a Kubernetes Event
 * in kube-system. Messages never hold secrets. Never throws: the change it records has already happened, and a
 * failed record must not make the user retry it.
 */
export async function recordAudit(entry: Omit<AuditEntry, "at">): Promise<void> {
  const full: AuditEntry = { at: new Date().toISOString(), ...entry };
  try {
    await mkdir(path.dirname(activityLog()), { recursive: true });
    await appendFile(activityLog(), `${JSON.stringify(full)}\n`, { mode: 0o600 });
  } catch (error) {
    console.error(`activity log: could not append a record (${(error as Error).message})`);
  }
  // An unreachable cluster must not turn a finished action into a failure; the activity log has the record.
  await createConsoleEvent(full).catch(() => undefined);
}

/** The newest records first; a half-written or foreign line is skipped, never fatal. */
export async function readActivity(limit = 200): Promise<AuditEntry[]> {
  const text = await readFile(activityLog(), "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .flatMap((line) => {
      try {
        const parsed = auditEntrySchema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    })
    .reverse()
    .slice(0, limit);
}
