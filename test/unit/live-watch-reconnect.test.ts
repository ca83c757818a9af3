import { createServer, type IncomingMessage, type Server } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { HubEvent, SharedWatch as SharedWatchType } from "@/lib/k8s/watch-hub";

/**
 * The hub's reconnect rules against apiserver behaviour a healthy sandbox will not produce on demand: watches that an
 * apiserver (or a load balancer in front of it) ends at once, a list it rejects as a bad request, an address where
 * nothing listens. A small HTTP endpoint speaks the list/watch protocol (plain HTTP, hence "insecure-skip-tls-verify", which client-node requires for it); each kubeconfig user (its token) picks how it
 * behaves. The real apiserver's side is covered by test/integration/watch-hub.test.ts.
 */
type Mode = "quiet-close" | "event-then-close" | "bad-request" | "unauthorized";
const requests: { mode: Mode; watch: boolean; at: number }[] = [];
let server: Server;
let dir: string;
let SharedWatch: typeof SharedWatchType;
let MIN_REWATCH_MS: number;
const open: SharedWatchType[] = [];

const modeOf = (req: IncomingMessage) => (req.headers.authorization ?? "").replace("Bearer ", "") as Mode;

beforeAll(async () => {
  server = createServer((req, res) => {
    const mode = modeOf(req);
    const watch = new URL(req.url!, "http://x").searchParams.get("watch") === "true";
    requests.push({ mode, watch, at: Date.now() });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (mode === "bad-request")
      return json(400, { kind: "Status", status: "Failure", reason: "BadRequest", code: 400, message: 'unable to parse requirement: invalid label key "!!"' });
    if (mode === "unauthorized") return json(401, { kind: "Status", status: "Failure", reason: "Unauthorized", code: 401, message: "Unauthorized" });
    if (!watch) return json(200, { kind: "PodList", items: [], metadata: { resourceVersion: "10" } });
    res.writeHead(200, { "Content-Type": "application/json" });
    if (mode === "event-then-close") {
      const n = requests.filter((r) => r.mode === mode && r.watch).length;
      res.write(`${JSON.stringify({ type: "ADDED", object: { metadata: { uid: `u${n}`, name: `p${n}`, resourceVersion: String(10 + n) } } })}\n`);
    }
    res.end(); // a normal close: the response simply ends
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  // A port where nothing listens: bind one, note it, close it.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));

  const modes: Mode[] = ["quiet-close", "event-then-close", "bad-request", "unauthorized"];
  const kubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name: "local", cluster: { server: `http://127.0.0.1:${port}`, "insecure-skip-tls-verify": true } },
      { name: "nobody", cluster: { server: `http://127.0.0.1:${closedPort}`, "insecure-skip-tls-verify": true } },
    ],
    users: [...modes.map((mode) => ({ name: `${mode}-user`, user: { token: mode } })), { name: "refused-user", user: { token: "x" } }],
    contexts: [
      ...modes.map((mode) => ({ name: mode, context: { cluster: "local", user: `${mode}-user` } })),
      { name: "refused", context: { cluster: "nobody", user: "refused-user" } },
    ],
    "current-context": "quiet-close",
  };
  dir = await mkdtemp(path.join(os.tmpdir(), "live-watch-"));
  await writeFile(path.join(dir, "kubeconfig"), JSON.stringify(kubeconfig));
  process.env.KUBECONFIG = path.join(dir, "kubeconfig");
  const hub = await import("@/lib/k8s/watch-hub");
  SharedWatch = hub.SharedWatch;
  MIN_REWATCH_MS = (hub as { MIN_REWATCH_MS?: number }).MIN_REWATCH_MS ?? 500;
}, 60_000); // the first import of client-node takes a while on a busy machine
afterEach(() => {
  for (const watch of open.splice(0)) watch.stop();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function start(cluster: string) {
  const events: HubEvent[] = [];
  const watch = new SharedWatch({ cluster, resource: "pods" }, () => {});
  open.push(watch);
  watch.subscribe((e) => events.push(e));
  watch.start();
  return { watch, events, statuses: () => events.filter((e) => e.kind === "status") };
}

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const watchTimes = (mode: Mode) => requests.filter((r) => r.mode === mode && r.watch).map((r) => r.at);
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

describe("SharedWatch reconnects", () => {
  it("waits at least the minimum delay after a watch that closed normally, and backs off while none brings events", async () => {
    start("quiet-close");
    // The delays grow 500, 500, 1000, …: within 2 s at most 4 watches; a reconnect loop without a pause makes hundreds.
    await until("a fourth watch", () => (watchTimes("quiet-close").length >= 4 ? true : undefined));
    const times = watchTimes("quiet-close");
    expect(times[3] - times[0]).toBeGreaterThanOrEqual(1_900); // 500 + 500 + 1000 (250 ms of slack below)
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(MIN_REWATCH_MS - 50);
    expect(gaps(times).at(-1)).toBeGreaterThan(gaps(times)[0] + 250); // growing
  });

  it("resets its backoff only when events arrive: a watch that brings events is resumed after the minimum delay", async () => {
    const { watch } = start("event-then-close");
    await until("five watches", () => (watchTimes("event-then-close").length >= 5 ? true : undefined));
    const g = gaps(watchTimes("event-then-close"));
    for (const gap of g) expect(gap).toBeGreaterThanOrEqual(MIN_REWATCH_MS - 50);
    // No growth: each connection brought an event (a doubling backoff would reach 2 s by the fourth gap).
    for (const gap of g) expect(gap).toBeLessThan(3 * MIN_REWATCH_MS);
    expect(watch.objects.size).toBeGreaterThanOrEqual(4);
    expect(watch.relists).toBe(1);
  });

  it("does not retry a list the apiserver rejects as a bad request: the topic fails with the apiserver's reason", async () => {
    const { statuses, watch } = start("bad-request");
    const failed = await until("the failed state", () => statuses().find((s) => s.kind === "status" && s.state === "failed"));
    expect(failed).toMatchObject({ error: '400: the apiserver refused the request as invalid: unable to parse requirement: invalid label key "!!"', lastEventAt: null });
    const lists = requests.filter((r) => r.mode === "bad-request").length;
    // A retry would come after the first backoff step (250 ms); wait past it and count again.
    await new Promise((r) => setTimeout(r, 600));
    expect(requests.filter((r) => r.mode === "bad-request").length).toBe(lists);
    expect(watch.relists).toBe(1);
  });

  it("reports a refused connection and a rejected credential in plain words, with no made-up last event", async () => {
    const refused = start("refused");
    const r = await until("reconnecting", () => refused.statuses().find((s) => s.kind === "status" && s.state === "reconnecting"));
    expect(r).toMatchObject({ lastEventAt: null });
    expect(r.kind === "status" && r.error).toMatch(/^refused/);
    const unauthorized = start("unauthorized");
    const u = await until("reconnecting", () => unauthorized.statuses().find((s) => s.kind === "status" && s.state === "reconnecting"));
    expect(u.kind === "status" && u.error).toBe('401: the apiserver did not accept the credential "unauthorized-user" (expired or revoked); refresh it in the kubeconfig');
  });
});
