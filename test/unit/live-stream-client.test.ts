import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_STREAMS_PER_CLIENT, MAX_TOPICS_PER_STREAM } from "@/lib/live/limits";
import { INITIAL_RETRY_MS, LiveStreamClient, NOT_SERVED, type ClientFrame, type EventSourceLike, type TopicChange } from "@/lib/live/stream-client";
import { topicKey, type Topic } from "@/lib/live/topics";

/** An EventSource the test drives: it records the topics asked for, and the test plays the server's part. */
class TestEventSource implements EventSourceLike {
  static all: TestEventSource[] = [];
  readyState = 0;
  onopen: ((event: never) => void) | null = null;
  onerror: ((event: never) => void) | null = null;
  closed = false;
  readonly topics: Topic[];
  private listeners = new Map<string, ((event: { data: string }) => void)[]>();
  constructor(readonly url: string) {
    this.topics = JSON.parse(new URL(url, "http://x").searchParams.get("topics")!);
    TestEventSource.all.push(this);
  }
  addEventListener(kind: string, listener: (event: { data: string }) => void) {
    this.listeners.set(kind, [...(this.listeners.get(kind) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as never);
  }
  frame(frame: Record<string, unknown> & { kind: string }) {
    for (const l of this.listeners.get(frame.kind) ?? []) l({ data: JSON.stringify(frame) });
  }
  /** A non-200 answer: the browser gives up on this EventSource. */
  refuse() {
    this.readyState = 2;
    this.onerror?.({} as never);
  }
  static live() {
    return TestEventSource.all.filter((es) => !es.closed);
  }
}

const clusterTopics = (cluster: string): Topic[] => [
  { cluster, resource: "pods" },
  { cluster, resource: "nodes" },
  { cluster, resource: "namespaces" },
  { cluster, resource: "configmaps", namespace: "kube-system", fieldSelector: "metadata.name=eci-profile" },
];
const clusters = (n: number, prefix = "c") => Array.from({ length: n }, (_, i) => clusterTopics(`${prefix}${i}`)).flat();

let sessionStatus = 200;
/** POST /api/stream/topics as the test's server: the changes it was asked for, and whether it applies them. */
let changes: TopicChange[] = [];
let applyChanges = true;
const newClient = () =>
  new LiveStreamClient({
    EventSource: TestEventSource,
    sessionStatus: async () => sessionStatus,
    settleMs: 10,
    control: async (change) => {
      changes.push(change);
      return applyChanges;
    },
  });
const recorder = () => {
  const frames: ClientFrame[] = [];
  return { frames, deliver: (f: ClientFrame) => frames.push(f), of: (kind: string) => frames.filter((f) => f.kind === kind) };
};

beforeEach(() => {
  vi.useFakeTimers();
  TestEventSource.all = [];
  sessionStatus = 200;
  changes = [];
  applyChanges = true;
});
afterEach(() => vi.useRealTimers());

describe("LiveStreamClient (the SharedWorker's and the tab fallback's stream logic)", () => {
  it("never asks the server for more topics per stream than it serves: 6 clusters (24 topics) become 2 streams", async () => {
    const client = newClient();
    client.join(() => {}).setTopics(clusters(6));
    await vi.advanceTimersByTimeAsync(20);
    const streams = TestEventSource.live();
    expect(streams).toHaveLength(2);
    for (const es of streams) expect(es.topics.length).toBeLessThanOrEqual(MAX_TOPICS_PER_STREAM);
    expect(new Set(streams.flatMap((es) => es.topics.map(topicKey)))).toEqual(new Set(clusters(6).map(topicKey)));
  });

  it("serves the tabs that subscribed last when more topics are open than its streams may carry, and tells the others", async () => {
    const capacityClusters = (MAX_TOPICS_PER_STREAM * MAX_STREAMS_PER_CLIENT) / 4;
    const client = newClient();
    const old = recorder();
    const fresh = recorder();
    const oldTab = client.join(old.deliver);
    oldTab.setTopics(clusters(capacityClusters, "old"));
    await vi.advanceTimersByTimeAsync(20);
    client.join(fresh.deliver).setTopics(clusters(1, "new"));
    await vi.advanceTimersByTimeAsync(20);
    const served = TestEventSource.live().flatMap((es) => es.topics.map(topicKey));
    expect(TestEventSource.live().length).toBeLessThanOrEqual(MAX_STREAMS_PER_CLIENT);
    expect(served).toHaveLength(MAX_TOPICS_PER_STREAM * MAX_STREAMS_PER_CLIENT);
    for (const topic of clusters(1, "new")) expect(served).toContain(topicKey(topic));
    const refused = old.of("status").filter((f) => f.kind === "status" && f.state === "failed");
    expect(refused).toHaveLength(4);
    expect(refused[0]).toMatchObject({ error: NOT_SERVED, lastEventAt: null });
    expect(fresh.of("status")).toHaveLength(0);

    // The old tab closes: its topics are dropped, not kept on the server.
    oldTab.leave();
    await vi.advanceTimersByTimeAsync(20);
    expect(
      TestEventSource.live()
        .flatMap((es) => es.topics.map(topicKey))
        .sort(),
    ).toEqual(clusters(1, "new").map(topicKey).sort());
  });

  it("forgets a tab that stops pinging, and stops streaming its topics", async () => {
    const client = newClient();
    client.join(() => {}).setTopics(clusters(1, "gone"));
    const stays = client.join(() => {});
    stays.setTopics(clusters(1, "stays"));
    await vi.advanceTimersByTimeAsync(20);
    expect(TestEventSource.live().flatMap((es) => es.topics)).toHaveLength(8);
    vi.setSystemTime(Date.now() + 20_000);
    stays.touch();
    vi.setSystemTime(Date.now() + 15_000);
    client.sweep(30_000);
    await vi.advanceTimersByTimeAsync(20);
    expect(client.memberCount).toBe(1);
    expect(TestEventSource.live().flatMap((es) => es.topics.map((t) => t.cluster))).toEqual(["stays0", "stays0", "stays0", "stays0"]);
  });

  it("relays frames to the tabs that show the topic, and hands a joining tab the current items at once", async () => {
    const client = newClient();
    const a = recorder();
    const b = recorder();
    const pods: Topic = { cluster: "c", resource: "pods" };
    const nodes: Topic = { cluster: "c", resource: "nodes" };
    client.join(a.deliver).setTopics([pods]);
    client.join(b.deliver).setTopics([nodes]);
    await vi.advanceTimersByTimeAsync(20);
    const [es] = TestEventSource.live();
    es.open();
    es.frame({ kind: "snapshot", topic: topicKey(pods), items: [{ uid: "1", name: "one" }], resync: false });
    es.frame({ kind: "change", topic: topicKey(pods), type: "ADDED", item: { uid: "2", name: "two" } });
    expect(a.of("snapshot")).toHaveLength(1);
    expect(a.of("change")).toHaveLength(1);
    expect(b.of("snapshot")).toHaveLength(0);
    const c = recorder();
    client.join(c.deliver).setTopics([pods]);
    expect(c.of("snapshot")).toEqual([
      {
        kind: "snapshot",
        topic: topicKey(pods),
        items: [
          { uid: "1", name: "one" },
          { uid: "2", name: "two" },
        ],
        resync: false,
      },
    ]);
    expect(c.frames[0]).toEqual({ kind: "connection", state: "open" });
  });

  it("reconnects with a growing delay after refusals, and resets it only once frames arrive", async () => {
    const client = newClient();
    const tab = recorder();
    const topic: Topic = { cluster: "c", resource: "pods" };
    client.join(tab.deliver).setTopics([topic]);
    await vi.advanceTimersByTimeAsync(20);
    const opened = () => TestEventSource.all.length;
    TestEventSource.all.at(-1)!.refuse();
    await vi.advanceTimersByTimeAsync(INITIAL_RETRY_MS - 1);
    expect(opened()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(opened()).toBe(2);
    TestEventSource.all.at(-1)!.open(); // accepted, but nothing came: no reset
    TestEventSource.all.at(-1)!.refuse();
    await vi.advanceTimersByTimeAsync(2 * INITIAL_RETRY_MS - 1);
    expect(opened()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(opened()).toBe(3);
    TestEventSource.all.at(-1)!.frame({ kind: "heartbeat", now: Date.now() });
    TestEventSource.all.at(-1)!.refuse();
    await vi.advanceTimersByTimeAsync(INITIAL_RETRY_MS);
    expect(opened()).toBe(4);
    expect(tab.of("connection").map((f) => f.kind === "connection" && f.state)).toContain("reconnecting");
  });

  it("stops retrying when the session is gone, and tries again when a tab subscribes anew", async () => {
    const client = newClient();
    const tab = recorder();
    const member = client.join(tab.deliver);
    member.setTopics([{ cluster: "c", resource: "pods" }]);
    await vi.advanceTimersByTimeAsync(20);
    sessionStatus = 401;
    TestEventSource.all.at(-1)!.refuse();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(TestEventSource.all).toHaveLength(1);
    expect(tab.frames.at(-1)).toEqual({ kind: "connection", state: "signed-out" });
    sessionStatus = 200;
    member.setTopics([{ cluster: "c", resource: "pods" }]);
    expect(TestEventSource.live()).toHaveLength(1);
    expect(TestEventSource.all).toHaveLength(2);
  });

  it("adds a tab's new topics to the open stream without reopening it, and re-sends nothing the other tabs have", async () => {
    const client = newClient();
    const a = recorder();
    const b = recorder();
    const pods: Topic = { cluster: "c", resource: "pods" };
    const nodes: Topic = { cluster: "c", resource: "nodes" };
    client.join(a.deliver).setTopics([pods]);
    await vi.advanceTimersByTimeAsync(20);
    const [es] = TestEventSource.live();
    es.open();
    es.frame({ kind: "hello", stream: "s-1" });
    es.frame({ kind: "snapshot", topic: topicKey(pods), items: [{ uid: "1" }], resync: false });
    expect(a.of("snapshot")).toHaveLength(1);

    const tabB = client.join(b.deliver);
    tabB.setTopics([pods, nodes]);
    await vi.advanceTimersByTimeAsync(20);
    expect(TestEventSource.all).toHaveLength(1); // the stream stays open
    expect(changes).toEqual([{ stream: "s-1", add: [nodes], remove: [] }]);
    // B got the pods it lacked from the worker's copy; A got nothing again.
    expect(b.of("snapshot")).toEqual([{ kind: "snapshot", topic: topicKey(pods), items: [{ uid: "1" }], resync: false }]);
    es.frame({ kind: "snapshot", topic: topicKey(nodes), items: [{ uid: "n" }], resync: false });
    expect(a.of("snapshot")).toHaveLength(1);
    expect(b.of("snapshot")).toHaveLength(2);

    // B subscribes again with the same topics (a re-render): nothing is sent again.
    tabB.setTopics([pods, nodes]);
    expect(b.of("snapshot")).toHaveLength(2);

    // B leaves: its topic is removed from the stream, still without reopening it.
    tabB.leave();
    await vi.advanceTimersByTimeAsync(20);
    expect(changes.at(-1)).toEqual({ stream: "s-1", add: [], remove: [nodes] });
    expect(TestEventSource.all).toHaveLength(1);
  });

  it("reopens a stream whose change the server refused, and one the browser reconnects after topics changed", async () => {
    const client = newClient();
    const pods: Topic = { cluster: "c", resource: "pods" };
    const nodes: Topic = { cluster: "c", resource: "nodes" };
    const tab = client.join(() => {});
    tab.setTopics([pods]);
    await vi.advanceTimersByTimeAsync(20);
    const first = TestEventSource.all[0];
    first.open();
    first.frame({ kind: "hello", stream: "s-1" });
    applyChanges = false; // the stream ended meanwhile (404)
    tab.setTopics([pods, nodes]);
    await vi.advanceTimersByTimeAsync(20);
    expect(TestEventSource.live()).toHaveLength(1);
    expect(TestEventSource.live()[0].topics.map(topicKey).sort()).toEqual([pods, nodes].map(topicKey).sort());

    // Changed through the control endpoint, then dropped: the browser's reconnect would reuse the old URL.
    applyChanges = true;
    const second = TestEventSource.live()[0];
    second.open();
    second.frame({ kind: "hello", stream: "s-2" });
    tab.setTopics([nodes]);
    await vi.advanceTimersByTimeAsync(20);
    expect(TestEventSource.live()).toHaveLength(1);
    second.onerror?.({} as never); // readyState stays CONNECTING: the browser would reconnect by itself
    await vi.advanceTimersByTimeAsync(0);
    expect(TestEventSource.live().map((es) => es.topics.map(topicKey))).toEqual([[topicKey(nodes)]]);
  });

  it("gathers a snapshot sent in parts and hands it to the tabs whole, once", async () => {
    const client = newClient();
    const tab = recorder();
    const pods: Topic = { cluster: "c", resource: "pods" };
    client.join(tab.deliver).setTopics([pods]);
    await vi.advanceTimersByTimeAsync(20);
    const [es] = TestEventSource.live();
    es.open();
    es.frame({ kind: "snapshot", topic: topicKey(pods), items: [{ uid: "1" }], resync: false, part: 0, parts: 2 });
    expect(tab.of("snapshot")).toHaveLength(0);
    es.frame({ kind: "snapshot", topic: topicKey(pods), items: [{ uid: "2" }], resync: false, part: 1, parts: 2 });
    expect(tab.of("snapshot")).toEqual([{ kind: "snapshot", topic: topicKey(pods), items: [{ uid: "1" }, { uid: "2" }], resync: false }]);
  });
});
