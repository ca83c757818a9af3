import "server-only";
import { appendFile, mkdir, readFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import { auditEntrySchema, type AuditEntry } from "@/lib/audit/entry";
import { consoleConfigPath } from "@/lib/console-config/store";
import { createConsoleEvent } from "@/lib/k8s/events";

const activityLog = () => path.join(path.dirname(consoleConfigPath()), "activity.jsonl");
const previousLog = () => path.join(path.dirname(consoleConfigPath()), "activity.1.jsonl");
/** The log is bounded: past this size it becomes activity.1.jsonl (replacing the one before) and a new one starts. */
const maxBytes = () => Number(process.env.VNODE_ACTIVITY_MAX_BYTES) || 5 * 1024 * 1024;

let appending: Promise<unknown> = Promise.resolve();

async function append(line: string) {
  const file = activityLog();
  await mkdir(path.dirname(file), { recursive: true });
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (size + line.length > maxBytes() && size > 0) await rename(file, previousLog());
  await appendFile(file, line, { mode: 0o600 });
}

/**
 * Who did what, when, with what result: appended to the console's activity log and written as a Kubernetes Event
 * in kube-system. Messages never hold secrets. Never throws: the change it records has already happened, and a
 * failed record must not make the user retry it.
 */
export async function recordAudit(entry: Omit<AuditEntry, "at">): Promise<void> {
  const full: AuditEntry = { at: new Date().toISOString(), ...entry };
  // Appends are serialized so a rotation never races another append of this process.
  const done = appending.then(() => append(`${JSON.stringify(full)}\n`));
  appending = done.catch(() => undefined);
  try {
    await done;
  } catch (error) {
    console.error(`activity log: could not append a record (${(error as Error).message})`);
  }
  // An unreachable cluster must not turn a finished action into a failure; the activity log has the record.
  await createConsoleEvent(full).catch(() => undefined);
}

/** The newest records first; a half-written or foreign line is skipped, never fatal. */
export async function readActivity(limit = 200): Promise<AuditEntry[]> {
  const [previous, current] = await Promise.all([readFile(previousLog(), "utf8").catch(() => ""), readFile(activityLog(), "utf8").catch(() => "")]);
  // A line cut short by a crash is followed directly by the next record; split on newlines keeps them apart.
  return `${previous}\n${current}`
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
