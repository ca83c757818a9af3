import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { eventually, kubectl } from "./kubectl";

// /api/stream's handler, called as Next calls it, on the real sandbox. Only the session lookup is replaced: it reads
// Next's request cookies, which exist only inside Next; the tests pick the session id.
const session = vi.hoisted(() => ({ current: null as null | { sub: string; sid: string; iat: number; exp: number } }));
vi.mock("@/lib/auth/session", async () => ({ currentSession: async () => session.current, onSessionEnded: (await import("@/lib/auth/revocations")).onSessionEnded }));

const { kubeconfig } = inject("sandbox");
process.env.KUBECONFIG = kubeconfig;
const { GET } = await import("@/app/api/stream/route");
const { watchHub } = await import("@/lib/k8s/watch-hub");
const limits = await import("@/lib/live/limits");
const defaults = { ...limits.serverStreamLimits };

const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const cluster = kc.getCurrentContext();
const ns = `it-stream-${Date.now()}`;
const ECI_PROFILE = { cluster, resource: "configmaps", namespace: "kube-system", fieldSelector: "metadata.name=eci-profile" };

const opened: Response[] = [];
function stream(topics: unknown[], sid = "sid-a") {
  session.current = { sub: "console", sid, iat: 0, exp: Math.floor(Date.now() / 1000) + 3600 };
  const url = `http://127.0.0.1/api/stream?topics=${encodeURIComponent(JSON.stringify(topics))}`;
  return GET(new Request(url)).then((response) => {
    opened.push(response);
    return response;
  });
}
/** Closes the streams the test opened (a body already read, say by .json(), needs nothing). */
const closeAll = () => Promise.all(opened.splice(0).map((r) => (r.bodyUsed || r.body?.locked ? undefined : r.body?.cancel().catch(() => {}))));
const subscribers = (resource: string) => watchHub.stats().find((s) => s.topic.resource === resource && !s.topic.namespace && !s.topic.labelSelector)?.subscribers ?? 0;

beforeAll(async () => {
  await kubectl(kubeconfig, "create", "namespace", ns);
  await eventually("default ServiceAccount", () => kubectl(kubeconfig, "-n", ns, "get", "sa", "default").then(() => true));
});
afterEach(async () => {
  Object.assign(limits.serverStreamLimits, defaults);
  await closeAll();
});
afterAll(async () => {
  await kubectl(kubeconfig, "delete", "namespace", ns, "--wait=false");
});

describe("/api/stream limits on the real apiserver", () => {
  it("serves only the topic shapes the UI uses, and says clearly what is wrong with any other", async () => {
    const refused = async (topics: unknown[]) => {
      const answer = await stream(topics);
      expect(answer.status, JSON.stringify(topics)).toBe(400);
      return ((await answer.json()) as { message: string }).message;
    };
    expect(await refused([{ cluster, resource: "configmaps", namespace: "default" }])).toMatch(/ConfigMaps are served for kube-system\/eci-profile only/);
    expect(await refused([{ cluster, resource: "configmaps" }])).toMatch(/eci-profile only/);
    expect(await refused([{ cluster, resource: "configmaps", namespace: "kube-system" }])).toMatch(/eci-profile only/);
    expect(await refused([{ cluster, resource: "deployments" }])).toMatch(/not served live/);
    expect(await refused([{ cluster, resource: "pods", labelSelector: "app in (" }])).toMatch(/labelSelector "app in \(" is not accepted/);
    expect(await refused([{ cluster, resource: "pods", fieldSelector: "nonsense" }])).toMatch(/fieldSelector "nonsense" is not accepted/);
    expect(await refused(Array.from({ length: limits.MAX_TOPICS_PER_STREAM + 1 }, () => ({ cluster, resource: "pods" })))).toMatch(
      new RegExp(`1 to ${limits.MAX_TOPICS_PER_STREAM} topics`),
    );
    expect(watchHub.stats().some((s) => s.topic.resource === "configmaps" && s.topic.namespace !== "kube-system")).toBe(false);

    const ok = await stream([ECI_PROFILE, { cluster, resource: "pods" }]);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/event-stream");
  });

  it("limits the streams of one session, and frees a place when a stream closes", async () => {
    limits.serverStreamLimits.streamsPerSession = 3;
    const first = await Promise.all([1, 2, 3].map(() => stream([{ cluster, resource: "pods" }], "sid-limit")));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    const fourth = await stream([{ cluster, resource: "pods" }], "sid-limit");
    expect(fourth.status).toBe(429);
    expect(await fourth.json()).toMatchObject({ error: "too-many-streams", message: expect.stringMatching(/already has 3 live streams open/) });
    expect((await stream([{ cluster, resource: "pods" }], "sid-other")).status).toBe(200); // per session, not global
    await first[0].body!.cancel();
    expect((await stream([{ cluster, resource: "pods" }], "sid-limit")).status).toBe(200);
  });

  it("limits the upstream watches of the hub: a stream that needs one more is refused, a lingering idle one gives way", async () => {
    await closeAll();
    await eventually("the hub to close its idle watches", async () => (watchHub.stats().length === 0 ? true : undefined), 20_000, 200);
    limits.serverStreamLimits.upstreamWatches = 1;
    const nodes = await stream([{ cluster, resource: "nodes" }], "sid-1");
    expect(nodes.status).toBe(200);
    const namespaces = await stream([{ cluster, resource: "namespaces" }], "sid-2");
    expect(namespaces.status).toBe(503);
    expect(await namespaces.json()).toMatchObject({ error: "hub-full", message: expect.stringMatching(/already follows 1 live lists/) });
    expect(() => watchHub.subscribe({ cluster, resource: "namespaces" }, () => {})).toThrow(/already follows 1 live lists/);
    expect(watchHub.stats()).toHaveLength(1);
    // The same topic shares the watch it already has: no new upstream watch is needed.
    expect((await stream([{ cluster, resource: "nodes" }], "sid-3")).status).toBe(200);

    await closeAll();
    expect((await stream([{ cluster, resource: "namespaces" }], "sid-2")).status).toBe(200);
    expect(watchHub.stats().map((s) => s.topic.resource)).toEqual(["namespaces"]);
  });

  it("closes the stream of a client that does not read once its queue passes the bound; a reading client stays", async () => {
    const bound = 8 * 1024;
    // Pods with many labels make large frames (about 3 KB each).
    const labels = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`bulk-label-${i}`, "x".repeat(50)]));
    let created = 0;
    const createPod = () =>
      core.createNamespacedPod({ namespace: ns, body: { metadata: { name: `bulk-${created++}`, labels }, spec: { containers: [{ name: "c", image: "nginx" }] } } });
    // First a snapshot larger than the bound: snapshots do not count (their size is the cluster's), only what piles up after.
    for (let i = 0; i < 4; i++) await createPod();

    // A reading client: it must be kept.
    const reading = await stream([{ cluster, resource: "pods" }], "sid-reader");
    const reader = reading.body!.getReader();
    let text = "";
    const decoder = new TextDecoder();
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    })();
    const snapshot = await eventually("the reading client's snapshot", async () => /event: snapshot\ndata: .*bulk-3.*\n\n/.exec(text)?.[0]);
    expect(snapshot.length).toBeGreaterThan(bound);

    limits.serverStreamLimits.queuedBytesPerStream = bound;
    const idle = await stream([{ cluster, resource: "pods" }], "sid-idle"); // never read
    expect(idle.status).toBe(200);
    expect(subscribers("pods")).toBe(2); // its snapshot alone, larger than the bound, did not close it
    // Changes it does not read pile up: create pods until its queue passes the bound.
    const before = created;
    while (subscribers("pods") === 2 && created < before + 40) await createPod();
    await eventually("the idle client's stream to be closed", async () => (subscribers("pods") === 1 ? true : undefined), 15_000);
    await expect(idle.body!.getReader().read()).rejects.toThrow(/read too slowly/);

    // The reading client is still served: it sees the last pod created.
    await eventually("the reading client to see the last pod", async () => (text.includes(`"name":"bulk-${created - 1}"`) ? true : undefined));
    expect(subscribers("pods")).toBe(1);
    await reader.cancel();
  });

  it("ends an open stream when its session is signed out, and another session's stream goes on", async () => {
    const { sessionRevocations } = await import("@/lib/auth/revocations");
    const mine = await stream([{ cluster, resource: "namespaces" }], "sid-signed-out");
    const theirs = await stream([{ cluster, resource: "namespaces" }], "sid-other");
    const read = async (response: Response) => {
      const reader = response.body!.getReader();
      await reader.read(); // the first chunk: the stream is live
      return reader;
    };
    const [myReader, theirReader] = await Promise.all([read(mine), read(theirs)]);
    await sessionRevocations.revoke("sid-signed-out", Math.floor(Date.now() / 1000) + 3600);
    // Drain: the signed-out stream comes to its end; the other one still delivers (a heartbeat or a change).
    let ended = false;
    while (!ended) ended = (await myReader.read()).done;
    expect(ended).toBe(true);
    const next = await Promise.race([theirReader.read().then((r) => (r.done ? "ended" : "open")), new Promise((resolve) => setTimeout(() => resolve("open"), 500))]);
    expect(next).toBe("open");
    await theirReader.cancel();
  });
});
