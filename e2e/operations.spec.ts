import { type ChildProcess, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SignInPage, VirtualNodesPage } from "./pages";
import { freePort } from "./support/replicas";
import { SANDBOX_CLUSTER, createNamespace, deleteNamespace, e2eSandbox } from "./support/sandbox-helpers";

/** One sample of a Prometheus text exposition, or 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

test("probes and metrics answer without a session; the action and stream counters move with what users do", async ({ page, request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.text()).toBe("ok\n");
  const ready = await request.get("/readyz?verbose");
  expect(ready.status()).toBe(200);
  const readyText = await ready.text();
  expect(readyText).toMatch(/\[\+\]apiserver ok: .*v1\.36/);
  expect(readyText).toMatch(/\[\+\]watches ok/);

  const scrape = async () => {
    const answer = await request.get("/metrics");
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-type"]).toContain("text/plain");
    return answer.text();
  };
  const before = await scrape();
  expect(before).toContain("# TYPE vnode_actions_total counter");
  expect(before).toContain("# TYPE vnode_upstream_watches gauge");

  const nodes = new VirtualNodesPage(page);
  await new SignInPage(page).signIn(nodes.path);
  await expect(nodes.streamHealth).toHaveAttribute("data-state", "live");
  const ns = `e2e-metrics-${Date.now()}`;
  await createNamespace(ns);
  const dialog = await nodes.startSendingToEci(ns);
  await dialog.confirm();
  await expect(nodes.namespaceMessage(`New pods in ${ns} now go to virtual nodes`)).toBeVisible();

  const after = await scrape();
  const okLabel = 'vnode_actions_total{action="label-namespace-eci",result="ok"}';
  expect(sample(after, okLabel) - sample(before, okLabel)).toBe(1);
  expect(sample(after, 'vnode_action_duration_seconds_count{action="label-namespace-eci",outcome="ok"}')).toBeGreaterThanOrEqual(1);
  expect(sample(after, "vnode_sse_clients")).toBeGreaterThanOrEqual(1);
  expect(sample(after, 'vnode_upstream_watches{state="live"}')).toBeGreaterThanOrEqual(3);
  expect(sample(after, 'vnode_sse_frames_sent_total{kind="snapshot"}')).toBeGreaterThan(sample(before, 'vnode_sse_frames_sent_total{kind="snapshot"}'));
  // Counts only: no namespace, user or object name is ever a label.
  expect(after).not.toContain(ns);
  await deleteNamespace(ns);
});

/** A second console process on the same sandbox and build, as a second replica would be. */
async function startReplica(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const sandbox = e2eSandbox();
  const port = await freePort();
  const root = path.resolve(import.meta.dirname, "..");
  const child = spawn(process.execPath, [path.join(root, "scripts", "console-server.mjs"), "--host", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      KUBECONFIG: sandbox.kubeconfig,
      VNODE_CONSOLE_CONFIG: path.join(sandbox.stateDir, "console", "console.json"),
      VNODE_CONSOLE_TOKEN: sandbox.console!.token,
      VNODE_SESSION_SECRET: "e2e-replica-session-secret-0123456789abcdef",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await expect.poll(() => output, { timeout: 60_000 }).toContain("Next.js ready");
  return { child, url, output: () => output };
}

test("SIGTERM: the replica tells its live streams to reconnect within 100 ms, and exits cleanly", async ({ request }) => {
  const replica = await startReplica();
  try {
    const signIn = await request.get(`${replica.url}/auth?token=${encodeURIComponent(e2eSandbox().console!.token)}`, { maxRedirects: 0 });
    const cookie = signIn.headers()["set-cookie"]?.split(";")[0];
    expect(cookie, "the replica accepts the printed token").toBeTruthy();

    // A live stream as a browser holds it: read frame by frame until the server ends it.
    const topics = encodeURIComponent(JSON.stringify([{ cluster: SANDBOX_CLUSTER, resource: "nodes" }]));
    let received = "";
    const ended = new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${replica.url}/api/stream?topics=${topics}`, { headers: { cookie: cookie! } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (received += chunk));
        res.on("end", resolve);
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
    await expect.poll(() => received).toContain("event: snapshot");
    const exited = new Promise<number | null>((resolve) => replica.child.once("exit", (code) => resolve(code)));
    replica.child.kill("SIGTERM");
    await ended;
    expect(received.trimEnd().endsWith("retry: 100")).toBe(true);
    expect(await exited).toBe(0);
    expect(replica.output()).toContain("SIGTERM: stopped");
  } finally {
    if (replica.child.exitCode === null) replica.child.kill("SIGKILL");
  }
});
