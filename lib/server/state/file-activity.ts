import "server-only";
import { appendFile, mkdir, readFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import { auditEntrySchema, type AuditEntry } from "@/lib/audit/entry";
import { consoleConfigPath } from "@/lib/console-config/store";

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

/** Laptop mode: activity.jsonl beside the console config. Appends are serialized so a rotation never races another. */
export function appendActivityFile(entry: AuditEntry): Promise<void> {
  const done = appending.then(() => append(`${JSON.stringify(entry)}\n`));
  appending = done.catch(() => undefined);
  return done;
}

/** The newest records first; a half-written or foreign line is skipped, never fatal. */
export async function readActivityFile(limit: number): Promise<AuditEntry[]> {
  const [previous, current] = await Promise.all([readFile(previousLog(), "utf8").catch(() => ""), readFile(activityLog(), "utf8").catch(() => "")]);
  // A line cut short by a crash is followed directly by the next record; split on newlines keeps them apart.
  return parseActivityLines(`${previous}\n${current}`.split("\n")).reverse().slice(0, limit);
}

export function parseActivityLines(lines: string[]): AuditEntry[] {
  return lines.filter(Boolean).flatMap((line) => {
    try {
      const parsed = auditEntrySchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}
