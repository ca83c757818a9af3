// What the scale bench (bench/scale.ts) needs around the console: start it (scripts/start.ts, as a user would) and
// stop it, a cleanup registry with deadlines, this process's own pod watch (T0 of each event), `kubectl get pods -A
// -w` beside it, the apiserver's own count of open WATCH requests, and percentiles. Loopback only.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { type KubeConfig, Watch } from "@kubernetes/client-node";
import { freePort } from "../sandbox/ports";
import { readSandboxInfo, type SandboxInfo } from "../sandbox/sandbox-info";
import { alive, cmdline, descendants } from "./proc-stats";

export const root = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const benchStart = now();
export const progress = (line: string) => console.error(`[${((now() - benchStart) / 1000).toFixed(0)}s] ${line}`);

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] : Number.NaN;
}

// Everything the bench started is registered here and stopped in reverse order, once.
const cleanups: { what: string; fn: () => Promise<unknown> }[] = [];
let cleaning: Promise<void> | undefined;
export const onCleanup = (what: string, fn: () => Promise<unknown>) => cleanups.push({ what, fn });
export function cleanup() {
  cleaning ??= (async () => {
    for (const { what, fn } of cleanups.reverse()) await withTimeout(fn(), 60_000, what).catch((e) => progress(`cleanup ${what}: ${(e as Error).message}`));
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    progress(`${signal}: cleaning up`);
    void cleanup().then(() => process.exit(130));
  });
}

export type ConsoleInfo = SandboxInfo & { console: { url: string; token: string } };

/**
 * scripts/start.ts on a fresh state dir (sandbox with `nodes` data-center nodes, then the console), or with `env`
 * (e.g. KUBECONFIG: a console without a sandbox; then `url` and `token` come from the bench).
 */
export async function startConsole(opts: { stateDir?: string; nodes?: number; env?: Record<string, string>; startMs: number }) {
  const port = await freePort();
  const args = ["tsx", "scripts/start.ts", "--port", String(port)];
  if (opts.stateDir) args.push("--state-dir", opts.stateDir, "--nodes", String(opts.nodes ?? 2));
  const tail: string[] = [];
  const starter = spawn("npx", args, { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [starter.stdout!, starter.stderr!]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      tail.push(...chunk.split("\n").filter(Boolean));
      tail.splice(0, Math.max(0, tail.length - 40));
    });
  }
  onCleanup(`stop the console on port ${port}`, () => stopStarter(starter));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + opts.startMs;
  let info: SandboxInfo | undefined;
  while (Date.now() < deadline && starter.exitCode === null) {
    if (opts.stateDir) info = await readSandboxInfo(opts.stateDir).catch(() => undefined);
    if (!opts.stateDir || info?.console) {
      const answer = await fetch(info?.console?.url ?? url, { redirect: "manual" }).catch(() => undefined);
      if (answer) break;
    }
    await sleep(500);
  }
  if (starter.exitCode !== null || Date.now() >= deadline || (opts.stateDir && !info?.console)) {
    throw new Error(`the console did not come up within ${opts.startMs / 1000} s; its last output:\n${tail.join("\n")}`);
  }
  return { info: info as ConsoleInfo | undefined, url: info?.console?.url ?? url, starter };
}

/** SIGTERM to the start script (it stops next-server and the sandbox); whatever it leaves behind is killed by pid. */
async function stopStarter(starter: ChildProcess) {
  if (starter.exitCode !== null || starter.signalCode !== null) return;
  const tree = await descendants(starter.pid!);
  const lines = await Promise.all(tree.map(async (pid) => ({ pid, cmd: await cmdline(pid) })));
  const script = lines.filter((l) => l.cmd.includes("scripts/start.ts") && !/^(npm|npx)\b/.test(l.cmd)).at(-1);
  process.kill(script?.pid ?? starter.pid!, "SIGTERM");
  const deadline = Date.now() + 45_000;
  const all = [starter.pid!, ...tree];
  while (Date.now() < deadline && (await Promise.all(all.map(alive))).some(Boolean)) await sleep(250);
  const left = (await Promise.all(lines.map(async (l) => ((await alive(l.pid)) && (await cmdline(l.pid)) === l.cmd ? l.pid : 0)))).filter(Boolean);
  for (const pid of left) process.kill(pid, "SIGKILL");
  if (starter.exitCode === null) starter.kill("SIGKILL");
}

/** The console server process below a start script (scripts/console-server.mjs or .ts, or next-server). */
export async function serverPid(starter: ChildProcess) {
  for (const pid of await descendants(starter.pid!)) {
    const cmd = await cmdline(pid);
    if (cmd.startsWith("next-server") || cmd.includes("scripts/console-server.")) return pid;
  }
  return undefined;
}

/** The apiserver's own count of open cluster-wide WATCH requests per resource. */
export async function watchCounts(kubeconfig: string): Promise<Record<"pods" | "nodes" | "namespaces", number>> {
  const { stdout } = await run("kubectl", ["get", "--raw", "/metrics"], { env: { ...process.env, KUBECONFIG: kubeconfig }, maxBuffer: 256 * 2 ** 20 });
  const counts = { pods: 0, nodes: 0, namespaces: 0 };
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("apiserver_longrunning_requests{")) continue;
    const labels = Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (labels.verb !== "WATCH" || labels.scope !== "cluster" || labels.subresource) continue;
    if (labels.resource in counts) counts[labels.resource as keyof typeof counts] += Number(line.slice(line.lastIndexOf("}") + 1));
  }
  return counts;
}

/** This process's own watch on all pods: T0 is when it sees a pod's Running MODIFIED event. */
export class PodWatch {
  readonly phase = new Map<string, string>();
  readonly runningAt = new Map<string, number>();
  private abort?: AbortController;
  private stopped = false;
  private resourceVersion?: string;
  constructor(private readonly kc: KubeConfig) {}

  async start() {
    if (this.stopped) return;
    const watch = new Watch(this.kc);
    (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs = 600_000;
    this.abort = await watch.watch(
      "/api/v1/pods",
      { allowWatchBookmarks: true, ...(this.resourceVersion ? { resourceVersion: this.resourceVersion } : {}) },
      (type: string, pod: { metadata: { namespace: string; name: string; resourceVersion?: string }; status?: { phase?: string }; code?: number }) => {
        const t = now();
        if (type === "ERROR") {
          if (pod.code === 410) this.resourceVersion = undefined;
          return;
        }
        this.resourceVersion = pod.metadata.resourceVersion ?? this.resourceVersion;
        if (type === "BOOKMARK") return;
        const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
        if (type === "DELETED") return void this.phase.delete(key);
        const phase = pod.status?.phase ?? "Pending";
        this.phase.set(key, phase);
        if (type === "MODIFIED" && phase === "Running" && !this.runningAt.has(key)) this.runningAt.set(key, t);
      },
      () => {
        if (!this.stopped) setTimeout(() => void this.start().catch((e) => progress(`bench watch: ${(e as Error).message}`)), 200);
      },
    );
  }

  running(namespace: string) {
    let n = 0;
    for (const [key, phase] of this.phase) if (phase === "Running" && key.startsWith(`${namespace}/`)) n++;
    return n;
  }

  stop() {
    this.stopped = true;
    this.abort?.abort();
  }
}

/** `kubectl get pods -A -w --output-watch-events`: the first time it prints each pod's Running line. */
export function startKubectlWatch(kubeconfig: string) {
  const runningAt = new Map<string, number>();
  let lines = 0;
  const child = spawn(
    "kubectl",
    ["get", "pods", "-A", "-w", "--output-watch-events", "-o", `jsonpath={.type} {.object.metadata.namespace}/{.object.metadata.name} {.object.status.phase}{"\\n"}`],
    { env: { ...process.env, KUBECONFIG: kubeconfig }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let buffered = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    const t = now();
    buffered += chunk;
    const parts = buffered.split("\n");
    buffered = parts.pop()!;
    for (const line of parts) {
      lines++;
      const [type, pod, phase] = line.trim().split(" ");
      if (type === "MODIFIED" && phase === "Running" && !runningAt.has(pod)) runningAt.set(pod, t);
    }
  });
  onCleanup("stop kubectl -w", async () => child.kill("SIGTERM"));
  return { child, runningAt, lines: () => lines };
}
