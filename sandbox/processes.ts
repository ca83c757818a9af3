import { spawn, type ChildProcess } from "node:child_process";
import { openSync, closeSync } from "node:fs";
import { readFile, writeFile, rm } from "node:fs/promises";
import path from "node:path";

/** A control-plane process owned by the sandbox: output goes to `<stateDir>/logs/<name>.log`, pid to `<name>.pid`. */
export class ManagedProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private supervising = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    readonly name: string,
    private readonly binary: string,
    private readonly args: string[],
    private readonly stateDir: string,
  ) {}

  get pid() {
    return this.child?.pid;
  }

  get logFile() {
    return path.join(this.stateDir, "logs", `${this.name}.log`);
  }

  private get pidFile() {
    return path.join(this.stateDir, "run", `${this.name}.pid`);
  }

  /**
   * Starts the process and supervises it: if it dies on its own (a crash, or a test killing it), it is started
   * again after a second, as a kubelet restarts a static control-plane pod. `stop()` ends supervision.
   */
  async start(log: (line: string) => void) {
    this.supervising = true;
    const out = openSync(this.logFile, "a");
    const child = spawn(this.binary, this.args, { stdio: ["ignore", out, out] });
    closeSync(out);
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    child.once("exit", (code, signal) => {
      if (this.child !== child || !this.supervising) return;
      this.child = undefined;
      log(`${this.name} exited (${signal ?? `code ${code}`}); restarting it in 1 s (log: ${this.logFile})`);
      this.restartTimer = setTimeout(() => void this.start(log), 1_000);
    });
    await writeFile(this.pidFile, String(child.pid));
  }

  /** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
  async stop(graceMs = 10_000) {
    this.supervising = false;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.child = undefined;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
    await rm(this.pidFile, { force: true });
  }
}

/** Kills processes a crashed earlier launcher left behind, recognised by their pid files and command lines. */
export async function killLeftovers(stateDir: string, names: string[]) {
  for (const name of names) {
    const pidFile = path.join(stateDir, "run", `${name}.pid`);
    const pid = Number(await readFile(pidFile, "utf8").catch(() => ""));
    if (!pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(stateDir)) {
      process.kill(pid, "SIGKILL");
      for (let i = 0; i < 100 && (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")) !== ""; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await rm(pidFile, { force: true });
  }
}
