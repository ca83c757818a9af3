// Process-tree and memory/CPU readings from /proc for the benches (Linux only).
import { readdir, readFile } from "node:fs/promises";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcEntry {
  pid: number;
  ppid: number;
  /** user + system CPU time, in seconds */
  cpuSeconds: number;
}

async function readStat(pid: number): Promise<ProcEntry | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  if (!stat) return undefined;
  // "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { pid, ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
}

/** Every live descendant of `root` (not `root` itself). */
export async function descendants(root: number): Promise<number[]> {
  const entries = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  const byParent = new Map<number, number[]>();
  for (const stat of await Promise.all(entries.map(readStat))) {
    if (!stat) continue;
    byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), stat.pid]);
  }
  const out: number[] = [];
  const queue = [...(byParent.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(byParent.get(pid) ?? []));
  }
  return out;
}

export async function cmdline(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).replace(/\0/g, " ").trim();
}

export async function alive(pid: number): Promise<boolean> {
  return (await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "")) !== "";
}

async function statusKiB(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

/** Resident set size and its peak (VmHWM), in MiB. */
export async function rssMiB(pid: number): Promise<{ rss: number; peak: number }> {
  return { rss: (await statusKiB(pid, "VmRSS")) / 1024, peak: (await statusKiB(pid, "VmHWM")) / 1024 };
}

/** Proportional set size in MiB: shared pages divided among their sharers, so a sum over processes is honest. */
export async function pssMiB(pid: number): Promise<number> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, "utf8").catch(() => "");
  return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
}

export async function cpuSeconds(pids: number[]): Promise<number> {
  const stats = await Promise.all(pids.map(readStat));
  return stats.reduce((sum, s) => sum + (s?.cpuSeconds ?? 0), 0);
}
