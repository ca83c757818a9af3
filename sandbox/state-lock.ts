import { open, readFile, rm } from "node:fs/promises";
import path from "node:path";

export class SandboxBusyError extends Error {}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One launcher per state dir: a second start is refused while the first one's process is alive. */
export async function lockStateDir(stateDir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(stateDir, "sandbox.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(await readFile(lockFile, "utf8").catch(() => ""));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new SandboxBusyError(
          `A sandbox is already running on ${stateDir} (launcher pid ${owner}). Stop it (Ctrl+C in its terminal, or kill ${owner}) or pick another --state-dir.`,
        );
      }
      await rm(lockFile, { force: true }); // stale lock from a launcher that died
    }
  }
  throw new SandboxBusyError(`Could not lock ${stateDir}`);
}
