// Issue 5's acceptance figures, on a fresh sandbox started the way a user starts the console (scripts/start.ts):
//  1. the apiserver's own count of WATCH requests (apiserver_longrunning_requests, scope=cluster) for pods, nodes
//     and namespaces before and after N tabs are open on the Virtual Nodes page;
//  2. event-to-screen latency at P pods with N tabs: for S new pods (created in small bursts), the time from the
//     pod's Running MODIFIED event reaching this process's own watch (T0) to the row reading "Running" in each tab
//     (DOM commit, and the first task after the frame that painted it), beside what `kubectl get pods -A -w` and a
//     plain SSE client of /api/stream see for the same events in the same run;
//  3. memory: next-server RSS, Chromium's JS heap per tab (CDP) and all Chromium processes' PSS; CPU time spent.
// Everything runs on loopback and stops by itself (each phase has a deadline; what was measured is printed).
// Usage: npx tsx bench/live-latency.ts [--pods 2000] [--tabs 20] [--samples 200] [--burst 10] [--nodes N]
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify, parseArgs } from "node:util";
import { AppsV1Api, CoreV1Api, KubeConfig, Watch } from "@kubernetes/client-node";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { freePort } from "../sandbox/ports";
import { readSandboxInfo, type SandboxInfo } from "../sandbox/sandbox-info";
import { countRows, installRowObserver, type RowRunning } from "./page-probes";
import { alive, cmdline, cpuSeconds, descendants, pssMiB, rssMiB } from "./proc-stats";

const { values } = parseArgs({
  options: {
    pods: { type: "string", default: "2000" },
    tabs: { type: "string", default: "20" },
    samples: { type: "string", default: "200" },
    burst: { type: "string", default: "10" },
    nodes: { type: "string" },
  },
});
const PODS = Number(values.pods);
const TABS = Number(values.tabs);
const SAMPLES = Number(values.samples);
const BURST = Number(values.burst);
const PODS_PER_NODE = 110;
// Room for the load and the samples with ~10% to spare, so the scheduler never runs out of pod slots.
const NODES = values.nodes ? Number(values.nodes) : Math.max(2, Math.ceil(((PODS + SAMPLES) * 1.1) / PODS_PER_NODE));

const LOAD_NS = "bench-load";
const LAT_NS = "bench-lat";
const CLUSTER = "vnode-sandbox";
const PAGE_PATH = `/clusters/${CLUSTER}/virtual-nodes`;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// Deadlines per phase; the bench reports what it measured when one passes, and always cleans up.
const START_MS = 8 * 60_000;
const TABS_LIVE_MS = 60_000;
const LOAD_MS = 12 * 60_000;
const CATCHUP_MS = 4 * 60_000;
const SAMPLE_MS = 6 * 60_000;
const BURST_WAIT_MS = 45_000;
const HARD_LIMIT_MS = 45 * 60_000;

const root = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const benchStart = now();
const elapsed = () => `${((now() - benchStart) / 1000).toFixed(0)}s`;
const say = (line: string) => console.log(line);
const progress = (line: string) => console.error(`[${elapsed()}] ${line}`);
const mib = (n: number) => `${Math.round(n)} MiB`;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] : NaN;
}

function summary(label: string, values: number[], note = "") {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return `${label}: no samples${note}`;
  const f = (n: number) => `${n.toFixed(1)} ms`;
  return `${label}: median ${f(percentile(sorted, 0.5))}, p99 ${f(percentile(sorted, 0.99))} (min ${f(sorted[0])}, max ${f(sorted.at(-1)!)}, n=${sorted.length}${note})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Cleanup: everything this bench started is registered here and stopped in reverse order, once.
const cleanups: { what: string; fn: () => Promise<unknown> }[] = [];
let cleaning: Promise<void> | undefined;
function cleanup() {
  cleaning ??= (async () => {
    for (const { what, fn } of cleanups.reverse()) {
      await withTimeout(fn(), 60_000, what).catch((e) => progress(`cleanup ${what}: ${(e as Error).message}`));
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    progress(`${signal}: cleaning up`);
    void cleanup().then(() => process.exit(130));
  });
}
const hardLimit = setTimeout(() => {
  progress(`hard limit of ${HARD_LIMIT_MS / 60_000} min reached: cleaning up`);
  void cleanup().then(() => process.exit(3));
}, HARD_LIMIT_MS);
hardLimit.unref();

// ---------------------------------------------------------------------------------------------------------------
// The console: scripts/start.ts on a fresh state dir (sandbox + next start).
async function startConsole(stateDir: string) {
  const port = await freePort();
  const outputTail: string[] = [];
  const starter = spawn("npx", ["tsx", "scripts/start.ts", "--state-dir", stateDir, "--port", String(port), "--nodes", String(NODES)], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [starter.stdout!, starter.stderr!]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      outputTail.push(...chunk.split("\n").filter(Boolean));
      outputTail.splice(0, Math.max(0, outputTail.length - 40));
    });
  }
  cleanups.push({ what: "stop the console and sandbox", fn: () => stopStarter(starter) });

  const deadline = Date.now() + START_MS;
  let info: SandboxInfo | undefined;
  while (Date.now() < deadline && starter.exitCode === null) {
    info = await readSandboxInfo(stateDir).catch(() => undefined);
    if (info?.console) {
      const answer = await fetch(info.console.url, { redirect: "manual" }).catch(() => undefined);
      if (answer) break;
    }
    await sleep(500);
  }
  if (!info?.console || starter.exitCode !== null || Date.now() >= deadline) {
    throw new Error(
      `the console did not come up within ${START_MS / 1000} s (start script ${starter.exitCode === null ? "still running" : `exited ${starter.exitCode}`}); its last output:\n${outputTail.join("\n")}`,
    );
  }
  return { info: info as SandboxInfo & { console: { url: string; token: string } }, starter };
}

/** SIGTERM to the start script (it stops next-server and the sandbox); whatever it leaves behind is killed by pid. */
async function stopStarter(starter: ChildProcess) {
  if (starter.exitCode !== null || starter.signalCode !== null) return;
  const tree = await descendants(starter.pid!);
  const lines = await Promise.all(tree.map(async (pid) => ({ pid, cmd: await cmdline(pid) })));
  // The deepest node process running scripts/start.ts (below npx/npm exec) is the one with the shutdown handler.
  const script = lines.filter((l) => l.cmd.includes("scripts/start.ts") && !/^(npm|npx)\b/.test(l.cmd)).at(-1);
  process.kill(script?.pid ?? starter.pid!, "SIGTERM");
  const deadline = Date.now() + 45_000;
  const all = [starter.pid!, ...tree];
  while (Date.now() < deadline && (await Promise.all(all.map(alive))).some(Boolean)) await sleep(250);
  const left = (await Promise.all(lines.map(async (l) => ((await alive(l.pid)) && (await cmdline(l.pid)) === l.cmd ? l.pid : 0)))).filter(Boolean);
  for (const pid of left) process.kill(pid, "SIGKILL");
  if (starter.exitCode === null) starter.kill("SIGKILL");
  if (left.length)
    progress(
      `killed ${left.length} processes still running ${((Date.now() - deadline) / 1000 + 45).toFixed(0)} s after SIGTERM to the start script: ${lines
        .filter((l) => left.includes(l.pid))
        .map((l) => `${l.pid} ${l.cmd.slice(0, 120)}`)
        .join("; ")}`,
    );
}

// ---------------------------------------------------------------------------------------------------------------
// The apiserver's own count of open WATCH requests.
type WatchCounts = Record<"pods" | "nodes" | "namespaces", number>;

async function watchCounts(kubeconfig: string): Promise<WatchCounts> {
  const { stdout } = await run("kubectl", ["get", "--raw", "/metrics"], { env: { ...process.env, KUBECONFIG: kubeconfig }, maxBuffer: 256 * 2 ** 20 });
  const counts: WatchCounts = { pods: 0, nodes: 0, namespaces: 0 };
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("apiserver_longrunning_requests{")) continue;
    const labels = Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (labels.verb !== "WATCH" || labels.scope !== "cluster" || labels.subresource) continue;
    if (labels.resource in counts) counts[labels.resource as keyof WatchCounts] += Number(line.slice(line.lastIndexOf("}") + 1));
  }
  return counts;
}
const showCounts = (c: WatchCounts) => `pods ${c.pods}, nodes ${c.nodes}, namespaces ${c.namespaces}`;

// ---------------------------------------------------------------------------------------------------------------
// This process's own watch on all pods: T0 is when it sees a sampled pod's Running MODIFIED event.
class PodWatch {
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
function startKubectlWatch(kubeconfig: string) {
  const runningAt = new Map<string, number>();
  let lines = 0;
  const child = spawn(
    "kubectl",
    ["get", "pods", "-A", "-w", "--output-watch-events", "-o", `jsonpath={.type} {.object.metadata.namespace}/{.object.metadata.name} {.object.status.phase}{"\\n"}`],
    {
      env: { ...process.env, KUBECONFIG: kubeconfig },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let buffered = "";
  let errors = "";
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
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => (errors += chunk));
  return { child, runningAt, lines: () => lines, errors: () => errors };
}

/** A plain SSE client of the console's /api/stream (pods topic): splits server-side from browser-side latency. */
function startSseProbe(url: string, cookie: string) {
  const runningAt = new Map<string, number>();
  const controller = new AbortController();
  let snapshots = 0;
  const done = (async () => {
    const topics = encodeURIComponent(JSON.stringify([{ cluster: CLUSTER, resource: "pods" }]));
    const answer = await fetch(`${url}/api/stream?topics=${topics}`, { headers: { cookie }, signal: controller.signal });
    if (!answer.ok || !answer.body) throw new Error(`/api/stream answered ${answer.status}`);
    const decoder = new TextDecoder();
    let buffered = "";
    for await (const chunk of answer.body) {
      const t = now();
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      const blocks = buffered.split("\n\n");
      buffered = blocks.pop()!;
      for (const block of blocks) {
        const event = /^event: (\w+)$/m.exec(block)?.[1];
        if (event === "snapshot") snapshots++;
        if (event !== "change" || !block.includes(`"namespace":"${LAT_NS}"`)) continue;
        const data = block
          .split("\n")
          .filter((l) => l.startsWith("data: "))
          .map((l) => l.slice(6))
          .join("\n");
        const frame = JSON.parse(data) as { item: { namespace: string; name: string; status: string } };
        const key = `${frame.item.namespace}/${frame.item.name}`;
        if (frame.item.status === "Running" && !runningAt.has(key)) runningAt.set(key, t);
      }
    }
  })().catch((e) => {
    if (!controller.signal.aborted) progress(`SSE probe: ${(e as Error).message}`);
  });
  return {
    runningAt,
    snapshots: () => snapshots,
    stop: () => {
      controller.abort();
      return done;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
interface Tab {
  index: number;
  page: Page;
  rows: Map<string, RowRunning>;
}

async function waitLive(page: Page, timeout: number) {
  await page.locator('[data-testid="stream-health"][data-state="live"]').waitFor({ timeout });
}

/** Opens a page per context, `groupSize` at a time (each group has TABS_LIVE_MS to go live); times are from the first. */
async function openTabs(contexts: BrowserContext[], url: string, groupSize = contexts.length) {
  const pages: Page[] = [];
  const live: PromiseSettledResult<number>[] = [];
  const t0 = now();
  for (let i = 0; i < contexts.length; i += groupSize) {
    const group = await Promise.all(contexts.slice(i, i + groupSize).map((context) => context.newPage()));
    const groupStart = now();
    pages.push(...group);
    live.push(
      ...(await Promise.allSettled(
        group.map(async (page) => {
          await page.goto(`${url}${PAGE_PATH}`, { waitUntil: "commit", timeout: TABS_LIVE_MS });
          await waitLive(page, Math.max(1_000, TABS_LIVE_MS - (now() - groupStart)));
          return now() - t0;
        }),
      )),
    );
  }
  // Where the tabs that did not go live got stuck: URL and health badge, counted.
  const stuck = new Map<string, number>();
  await Promise.all(
    pages.map(async (page, i) => {
      if (live[i].status === "fulfilled") return;
      const badge = await withTimeout(
        page.evaluate(() => document.querySelector('[data-testid="stream-health"]')?.textContent ?? "no badge"),
        5_000,
        "badge",
      ).catch(() => "no answer");
      const where = `${new URL(page.url() === "about:blank" ? "about:blank" : page.url()).pathname || page.url()}: ${badge}`;
      stuck.set(where, (stuck.get(where) ?? 0) + 1);
    }),
  );
  return { pages, live: live.map((r) => (r.status === "fulfilled" ? r.value : undefined)), stuck: [...stuck].map(([where, n]) => `${n}× ${where}`).join("; ") };
}

async function tabCounts(tabs: Tab[], prefix: string) {
  return Promise.all(tabs.map((tab) => withTimeout(tab.page.evaluate(countRows, prefix), 60_000, `tab ${tab.index} row count`).catch(() => undefined)));
}

async function cdpMetrics(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  return async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return Object.fromEntries(metrics.map((m) => [m.name, m.value])) as Record<string, number>;
  };
}

// ---------------------------------------------------------------------------------------------------------------
async function main() {
  if (![PODS, TABS, SAMPLES, BURST, NODES].every((n) => Number.isInteger(n) && n > 0)) throw new Error("--pods, --tabs, --samples, --burst and --nodes take whole numbers > 0");
  if (NODES * PODS_PER_NODE < PODS + SAMPLES) throw new Error(`${NODES} nodes hold ${NODES * PODS_PER_NODE} pods, fewer than ${PODS + SAMPLES}`);
  const stateDir = await mkdtemp(path.join(os.tmpdir(), "vnode-bench-live-"));
  cleanups.push({ what: "remove the state dir", fn: () => rm(stateDir, { recursive: true, force: true }) });

  progress(`starting the console on a fresh sandbox with ${NODES} data-center nodes (${stateDir}) ...`);
  const started = now();
  const { info, starter } = await startConsole(stateDir);
  const url = info.console.url;
  const kubeconfig = info.kubeconfig;
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const serverPid = async () => {
    for (const pid of await descendants(starter.pid!)) if ((await cmdline(pid)).startsWith("next-server")) return pid;
    return undefined;
  };
  progress(`console up at ${url} after ${((now() - started) / 1000).toFixed(0)} s`);

  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  cleanups.push({ what: "close Chromium", fn: () => browser.close() });
  const chromiumPids = async () => {
    const pids: number[] = [];
    for (const pid of await descendants(process.pid)) if (/chrom/i.test((await cmdline(pid)).split(" ")[0])) pids.push(pid);
    return pids;
  };

  say(
    `live-latency: ${PODS} pods, ${TABS} tabs, ${SAMPLES} sampled pods in bursts of ${BURST}, ${NODES} simulated data-center nodes; Kubernetes ${info.kubernetesVersion}, Chromium ${browser.version()}, ${os.cpus().length} CPUs, ${os.loadavg()[0].toFixed(2)} load`,
  );

  // Signed in once: the token link sets the session cookie in this context's cookie jar.
  const signedIn = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const auth = await signedIn.request.get(`${url}/auth?token=${encodeURIComponent(info.console.token)}`, { maxRedirects: 0 });
  if (auth.status() !== 307 && auth.status() !== 303 && auth.status() !== 302) throw new Error(`sign-in answered ${auth.status()}`);
  const storageState = await signedIn.storageState();
  if (!storageState.cookies.length) throw new Error("sign-in set no cookie");
  const cookie = storageState.cookies.map((c) => `${c.name}=${c.value}`).join("; ");

  for (const ns of [LOAD_NS, LAT_NS]) await core.createNamespace({ body: { metadata: { name: ns } } });
  const before = await watchCounts(kubeconfig);
  say(`apiserver WATCH requests (apiserver_longrunning_requests, scope=cluster) before any tab: ${showCounts(before)}`);

  // N tabs of one browser context, as one user would open them.
  progress(`opening ${TABS} tabs in one browser context ...`);
  const one = await openTabs(
    Array.from({ length: TABS }, () => signedIn),
    url,
  );
  const liveInOne = one.live.filter((t) => t !== undefined).length;
  say(
    `one browser context: ${liveInOne} of ${TABS} tabs showed "live" within ${TABS_LIVE_MS / 1000} s${liveInOne ? ` (slowest ${(Math.max(...one.live.filter((t) => t !== undefined)) / 1000).toFixed(1)} s)` : ""}`,
  );
  if (one.stuck) say(`  tabs not live: ${one.stuck}`);
  let measured: { context: BrowserContext; page: Page }[];
  if (liveInOne === TABS) {
    measured = one.pages.map((page) => ({ context: signedIn, page }));
  } else {
    const inOne = await watchCounts(kubeconfig);
    say(
      `  apiserver WATCH requests with those tabs: ${showCounts(inOne)}. Chromium keeps at most 6 HTTP/1.1 connections per host and profile; each live tab's EventSource holds one, so the further tabs' streams wait for a free connection.`,
    );
    await Promise.all(one.pages.map((p) => p.close()));
    progress(`opening ${TABS} tabs, one browser context each (same session cookie), 4 at a time ...`);
    const contexts = await Promise.all(Array.from({ length: TABS }, () => browser.newContext({ viewport: { width: 1280, height: 900 }, storageState })));
    // 20 contexts opened at once left every page at about:blank for 60 s in an earlier run: open them 4 at a time.
    const many = await openTabs(contexts, url, 4);
    const liveInMany = many.live.filter((t) => t !== undefined).length;
    say(
      `one browser context per tab (the same signed-in session), opened 4 at a time: ${liveInMany} of ${TABS} tabs showed "live" (${TABS_LIVE_MS / 1000} s per group)${liveInMany ? ` (slowest ${(Math.max(...many.live.filter((t) => t !== undefined)) / 1000).toFixed(1)} s)` : ""}`,
    );
    if (many.stuck) say(`  tabs not live: ${many.stuck}`);
    measured = many.pages.map((page, i) => ({ context: contexts[i], page })).filter((_, i) => many.live[i] !== undefined);
    if (!measured.length) throw new Error("no tab went live");
  }
  const withTabs = await watchCounts(kubeconfig);
  say(`apiserver WATCH requests with ${measured.length} tabs live: ${showCounts(withTabs)}`);
  say(
    `watches added by ${measured.length} tabs: pods +${withTabs.pods - before.pods}, nodes +${withTabs.nodes - before.nodes}, namespaces +${withTabs.namespaces - before.namespaces}`,
  );

  const tabs: Tab[] = [];
  const metricsOf: (() => Promise<Record<string, number>>)[] = [];
  for (const [index, { context, page }] of measured.entries()) {
    const tab: Tab = { index, page, rows: new Map() };
    await page.exposeFunction("__benchReport", (rows: RowRunning[]) => {
      for (const row of rows) if (!tab.rows.has(row.pod)) tab.rows.set(row.pod, row);
    });
    // tsx compiles with keepNames, so serialised functions call esbuild's __name helper: give the page a stand-in.
    await page.evaluate("globalThis.__name ??= (fn) => fn");
    await page.evaluate(installRowObserver, `${LAT_NS}/`);
    metricsOf.push(await cdpMetrics(context, page));
    tabs.push(tab);
  }
  const visibility = new Set((await tabCounts(tabs, `${LOAD_NS}/`)).map((c) => c?.visibility ?? "no answer"));
  say(`tabs' document.visibilityState: ${[...visibility].join(", ")}`);

  // Load: P pods in Deployments of 100, created 500 at a time.
  const podWatch = new PodWatch(kc);
  cleanups.push({ what: "stop the bench's watch", fn: async () => podWatch.stop() });
  await podWatch.start();
  const loadStart = now();
  const deployments = Math.ceil(PODS / 100);
  let created = 0;
  let loadDeadlineHit = false;
  for (let i = 0; i < deployments && !loadDeadlineHit; ) {
    const step: Promise<unknown>[] = [];
    for (let stepPods = 0; i < deployments && stepPods < 500; i++) {
      const replicas = Math.min(100, PODS - i * 100);
      stepPods += replicas;
      created += replicas;
      const labels = { app: `load-${i}`, bench: "live-latency" };
      step.push(
        apps.createNamespacedDeployment({
          namespace: LOAD_NS,
          body: {
            metadata: { name: `load-${i}` },
            spec: {
              replicas,
              selector: { matchLabels: labels },
              template: { metadata: { labels }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "10m", memory: "16Mi" } } }] } },
            },
          },
        }),
      );
    }
    await Promise.all(step);
    let lastPrint = 0;
    while (podWatch.running(LOAD_NS) < created) {
      if (now() - loadStart > LOAD_MS) {
        loadDeadlineHit = true;
        break;
      }
      if (now() - lastPrint > 15_000) {
        lastPrint = now();
        const counts = await tabCounts(tabs, `${LOAD_NS}/`);
        const running = counts.map((c) => c?.running ?? -1);
        progress(`load: ${podWatch.running(LOAD_NS)}/${created} Running per apiserver; tabs show ${Math.min(...running)}..${Math.max(...running)} Running rows`);
      }
      await sleep(500);
    }
  }
  const loadRunning = podWatch.running(LOAD_NS);
  const apiserverDone = now();
  say(
    `load: ${loadRunning} of ${PODS} pods Running per the apiserver ${((apiserverDone - loadStart) / 1000).toFixed(1)} s after the first Deployment${loadDeadlineHit ? ` (deadline of ${LOAD_MS / 1000} s reached)` : ""}`,
  );

  // Every tab must show those pods as Running rows.
  const caughtUp = new Map<number, number>();
  let counts = await tabCounts(tabs, `${LOAD_NS}/`);
  while (caughtUp.size < tabs.length && now() - apiserverDone < CATCHUP_MS) {
    for (const [i, c] of counts.entries()) if (c && c.running >= loadRunning && !caughtUp.has(i)) caughtUp.set(i, now() - apiserverDone);
    if (caughtUp.size === tabs.length) break;
    await sleep(2_000);
    counts = await tabCounts(tabs, `${LOAD_NS}/`);
  }
  const running = counts.map((c) => c?.running ?? -1);
  say(
    caughtUp.size === tabs.length
      ? `load: all ${tabs.length} tabs showed ${loadRunning} Running rows; the slowest ${(Math.max(...caughtUp.values()) / 1000).toFixed(1)} s after the apiserver had them all`
      : `load: after ${CATCHUP_MS / 1000} s only ${caughtUp.size} of ${tabs.length} tabs showed all ${loadRunning} Running rows; per tab: ${running.join(", ")} (-1: no answer within 60 s)`,
  );

  // Samples: S pods in bursts; T0 from this process's watch, beside kubectl -w, a plain SSE client and each tab.
  const kubectl = startKubectlWatch(kubeconfig);
  cleanups.push({ what: "stop kubectl -w", fn: async () => kubectl.child.kill("SIGTERM") });
  const sse = startSseProbe(url, cookie);
  cleanups.push({ what: "stop the SSE probe", fn: () => sse.stop() });
  const ready = now();
  while ((kubectl.lines() < loadRunning || sse.snapshots() < 1) && now() - ready < 120_000 && kubectl.child.exitCode === null) await sleep(250);
  if (kubectl.child.exitCode !== null) throw new Error(`kubectl -w exited: ${kubectl.errors()}`);
  progress(`kubectl -w listed ${kubectl.lines()} pods; SSE probe snapshots: ${sse.snapshots()}; sampling ...`);
  await sleep(2_000);

  const server = await serverPid();
  const cpuBefore = { server: server ? await cpuSeconds([server]) : 0, chromium: await cpuSeconds(await chromiumPids()) };
  const metricsBefore = await Promise.all(metricsOf.map((m) => m().catch(() => undefined)));
  const sampleStart = now();
  const createdAt = new Map<string, number>();
  let burstsTimedOut = 0;
  for (let n = 0; n < SAMPLES && now() - sampleStart < SAMPLE_MS; ) {
    const names = Array.from({ length: Math.min(BURST, SAMPLES - n) }, (_, j) => `lat-${n + j}`);
    n += names.length;
    await Promise.all(
      names.map(async (name) => {
        createdAt.set(`${LAT_NS}/${name}`, now());
        await core.createNamespacedPod({
          namespace: LAT_NS,
          body: {
            metadata: { name, labels: { app: "lat", bench: "live-latency" } },
            spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "10m", memory: "16Mi" } } }] },
          },
        });
      }),
    );
    const burstStart = now();
    const keys = names.map((name) => `${LAT_NS}/${name}`);
    const complete = () => keys.every((k) => podWatch.runningAt.has(k) && kubectl.runningAt.has(k) && tabs.every((t) => t.rows.has(k)));
    while (!complete() && now() - burstStart < BURST_WAIT_MS) await sleep(50);
    if (!complete()) burstsTimedOut++;
    await sleep(500);
  }
  await sleep(1_000); // reports are batched every 100 ms in the pages
  const sampleWall = (now() - sampleStart) / 1000;
  const cpuAfter = { server: server ? await cpuSeconds([server]) : 0, chromium: await cpuSeconds(await chromiumPids()) };
  const metricsAfter = await Promise.all(metricsOf.map((m) => m().catch(() => undefined)));

  // Figures.
  const sampled = [...createdAt.keys()];
  const withT0 = sampled.filter((k) => podWatch.runningAt.has(k));
  const t0 = (k: string) => podWatch.runningAt.get(k)!;
  const painted: number[] = [];
  const dom: number[] = [];
  let missingRow = 0;
  let missingPaint = 0;
  for (const tab of tabs) {
    for (const k of withT0) {
      const row = tab.rows.get(k);
      if (!row) missingRow++;
      else {
        dom.push(row.dom - t0(k));
        if (row.painted) painted.push(row.painted - t0(k));
        else missingPaint++;
      }
    }
  }
  const kubectlLag = withT0.filter((k) => kubectl.runningAt.has(k)).map((k) => kubectl.runningAt.get(k)! - t0(k));
  const sseLag = withT0.filter((k) => sse.runningAt.has(k)).map((k) => sse.runningAt.get(k)! - t0(k));
  const createToRunning = withT0.map((k) => t0(k) - createdAt.get(k)!);
  say(
    `samples: ${sampled.length} pods created in ${Math.ceil(sampled.length / BURST)} bursts over ${sampleWall.toFixed(1)} s, ${withT0.length} seen Running by the bench's watch; bursts not complete in every tab within ${BURST_WAIT_MS / 1000} s: ${burstsTimedOut}`,
  );
  say(summary("  pod create → Running MODIFIED at the bench's watch (T0), for context", createToRunning));
  say(
    summary(
      `event-to-screen: row reads "Running", painted, − T0 (all ${tabs.length} tabs × pods)`,
      painted,
      `; rows never shown Running: ${missingRow}, shown but not painted within 30 s: ${missingPaint}`,
    ),
  );
  say(summary(`  of which DOM commit − T0`, dom));
  say(summary("  console /api/stream (plain SSE client in this process) − T0", sseLag, `; missing: ${withT0.length - sseLag.length}`));
  say(summary("kubectl get pods -A -w --output-watch-events: Running line − T0", kubectlLag, `; missing: ${withT0.length - kubectlLag.length}`));

  // Memory and CPU.
  const serverMem = server ? await rssMiB(server) : undefined;
  const heaps = metricsAfter
    .map((m) => (m?.JSHeapUsedSize ?? NaN) / 2 ** 20)
    .filter((n) => !Number.isNaN(n))
    .sort((a, b) => a - b);
  const domNodes = metricsAfter
    .map((m) => m?.Nodes ?? NaN)
    .filter((n) => !Number.isNaN(n))
    .sort((a, b) => a - b);
  const pids = await chromiumPids();
  const pss = (await Promise.all(pids.map(pssMiB))).reduce((a, b) => a + b, 0);
  say(
    `memory: next-server RSS ${serverMem ? `${mib(serverMem.rss)} (peak ${mib(serverMem.peak)})` : "not found"}; Chromium JS heap used per tab median ${mib(percentile(heaps, 0.5))}, max ${mib(heaps.at(-1) ?? NaN)}, sum ${mib(heaps.reduce((a, b) => a + b, 0))} over ${heaps.length} tabs; DOM nodes per tab median ${percentile(domNodes, 0.5)}; all ${pids.length} Chromium processes PSS ${mib(pss)}`,
  );
  const delta = (name: string) =>
    metricsAfter
      .map((m, i) => (m?.[name] ?? NaN) - (metricsBefore[i]?.[name] ?? NaN))
      .filter((n) => !Number.isNaN(n))
      .sort((a, b) => a - b);
  const sec = (xs: number[]) => `${percentile(xs, 0.5).toFixed(1)} s`;
  say(
    `CPU during the ${sampleWall.toFixed(0)} s sample phase: next-server ${(cpuAfter.server - cpuBefore.server).toFixed(1)} s, all Chromium processes ${(cpuAfter.chromium - cpuBefore.chromium).toFixed(1)} s; per tab (CDP, median): script ${sec(delta("ScriptDuration"))}, style ${sec(delta("RecalcStyleDuration"))}, layout ${sec(delta("LayoutDuration"))}, all tasks ${sec(delta("TaskDuration"))}`,
  );
}

main()
  .then(
    () => 0,
    (error) => {
      console.error(`live-latency failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanup();
    clearTimeout(hardLimit);
    process.exit(code);
  });
