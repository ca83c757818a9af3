import { MAX_STREAMS_PER_CLIENT, MAX_TOPICS_PER_STREAM } from "./limits";
import type { StreamFrame } from "./stream-protocol";
import { planStreams } from "./stream-plan";
import { topicKey, type Topic } from "./topics";

/** The topic a key names (topicKey's inverse). */
function topicOfKey([cluster, resource, namespace, labelSelector, fieldSelector]: unknown[]): Topic {
  const topic: Record<string, unknown> = { cluster, resource };
  if (namespace) topic.namespace = namespace;
  if (labelSelector) topic.labelSelector = labelSelector;
  if (fieldSelector) topic.fieldSelector = fieldSelector;
  return topic as Topic;
}

/**
 * The browser side of the live stream, in one place: the SharedWorker runs it for every tab of the browser, and a tab
 * without SharedWorker runs it for itself. It opens /api/stream for the union of the topics its members (tabs) show —
 * split into streams of at most MAX_TOPICS_PER_STREAM, at most MAX_STREAMS_PER_CLIENT of them — reconnects with
 * backoff, keeps each topic's current items (a joining tab gets its snapshot at once) and relays frames to the members
 * that want them. No DOM here: EventSource and the session check are passed in, so it runs in a worker, a tab or a test.
 */

export type ConnectionState = "connecting" | "open" | "reconnecting" | "signed-out";
export type ClientFrame = StreamFrame | { kind: "connection"; state: ConnectionState };

/** The part of EventSource this client uses. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  addEventListener(kind: string, listener: (event: { data: string }) => void): void;
  close(): void;
}

export interface StreamClientOptions {
  EventSource: new (url: string) => EventSourceLike;
  /** HTTP status of GET /api/session, or undefined when it could not be asked: tells "signed out" from "server trouble". */
  sessionStatus: () => Promise<number | undefined>;
  url?: string;
  /**
   * Adds and removes topics of an open stream (POST /api/stream/topics); true when the server applied it. Anything
   * else (the stream ended meanwhile, an error) makes the client reopen that stream with its whole topic set.
   */
  control?: (change: TopicChange) => Promise<boolean>;
  maxTopicsPerStream?: number;
  maxStreams?: number;
  /** Delay that gathers the subscriptions of a page's components into one reconnect. */
  settleMs?: number;
}

/** What the client asks of POST /api/stream/topics: the stream (its id from the hello frame), topics to add and remove. */
export interface TopicChange {
  stream: string;
  add: Topic[];
  remove: Topic[];
}

const CLOSED = 2; // EventSource.CLOSED: the browser gave up (a non-200 answer)
const FRAME_KINDS = ["hello", "snapshot", "change", "status", "heartbeat"] as const;
export const INITIAL_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 30_000;

/** What a member that asked for more topics than are served is told, per topic left out. */
export const NOT_SERVED = `not followed: this browser shows more than ${MAX_TOPICS_PER_STREAM * MAX_STREAMS_PER_CLIENT} live lists at once; close some tabs`;

export interface Member {
  setTopics(topics: Topic[]): void;
  /** The member is still there (a tab pings its worker); see `sweep`. */
  touch(): void;
  leave(): void;
}

interface MemberState {
  deliver: (frame: ClientFrame) => void;
  topics: Map<string, Topic>;
  /** Order of the last subscription: the tabs that subscribed last are served first. */
  order: number;
  lastSeen: number;
}

interface TopicData {
  byUid: Map<string, { uid: string }>;
  synced: boolean;
  status?: Extract<StreamFrame, { kind: "status" }>;
}

class Connection {
  source?: EventSourceLike;
  state: ConnectionState = "connecting";
  retryMs = INITIAL_RETRY_MS;
  retryTimer?: ReturnType<typeof setTimeout>;
  /** The server's id of the open stream (its hello frame); undefined until it came, and after every reopen. */
  streamId?: string;
  /** The keys the current EventSource's URL carries; the browser's own reconnects reuse that URL. */
  openedWith = "";
  constructor(readonly keys: Set<string>) {}
}

const defaultControl = (url: string) => async (change: TopicChange) => {
  const answer = await fetch(`${url}/topics`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(change) });
  return answer.ok;
};

export class LiveStreamClient {
  private members = new Map<Member, MemberState>();
  private data = new Map<string, TopicData>();
  private connections = new Set<Connection>();
  /** Every topic served or asked for, by key. */
  private topics = new Map<string, Topic>();
  private unserved = new Set<string>();
  /** Parts of snapshots still coming, by topic key. */
  private parts = new Map<string, Extract<StreamFrame, { kind: "snapshot" }>["items"]>();
  private order = 0;
  private settleTimer?: ReturnType<typeof setTimeout>;
  private lastConnection: ConnectionState = "connecting";
  private readonly url: string;
  private readonly maxTopics: number;
  private readonly maxStreams: number;

  constructor(private readonly options: StreamClientOptions) {
    this.url = options.url ?? "/api/stream";
    this.maxTopics = options.maxTopicsPerStream ?? MAX_TOPICS_PER_STREAM;
    this.maxStreams = options.maxStreams ?? MAX_STREAMS_PER_CLIENT;
  }

  /** Streams open now, with the topic keys each carries (for tests and diagnostics). */
  get streams(): { topics: string[]; state: ConnectionState }[] {
    return [...this.connections].map((c) => ({ topics: [...c.keys], state: c.state }));
  }

  get memberCount() {
    return this.members.size;
  }

  join(deliver: (frame: ClientFrame) => void): Member {
    const member: Member = {
      setTopics: (topics) => this.setTopics(member, topics),
      touch: () => {
        const state = this.members.get(member);
        if (state) state.lastSeen = Date.now();
      },
      leave: () => {
        if (this.members.delete(member)) this.settle();
      },
    };
    this.members.set(member, { deliver, topics: new Map(), order: ++this.order, lastSeen: Date.now() });
    return member;
  }

  /** Forgets members not seen for `maxIdleMs` (a tab closed without saying goodbye). */
  sweep(maxIdleMs: number, now = Date.now()) {
    let changed = false;
    for (const [member, state] of this.members) if (now - state.lastSeen > maxIdleMs) changed = this.members.delete(member) || changed;
    if (changed) this.settle();
  }

  /** Closes every stream (the client is going away). */
  close() {
    clearTimeout(this.settleTimer);
    for (const c of this.connections) this.shut(c);
    this.connections.clear();
    this.members.clear();
  }

  private setTopics(member: Member, topics: Topic[]) {
    const state = this.members.get(member);
    if (!state) return;
    const before = state.topics;
    state.topics = new Map(topics.map((topic) => [topicKey(topic), topic]));
    state.order = ++this.order;
    state.lastSeen = Date.now();
    this.send(state, { kind: "connection", state: this.lastConnection });
    // Only the topics this member did not have yet: what it already shows is not sent again.
    for (const key of state.topics.keys()) {
      if (before.has(key)) continue;
      const data = this.data.get(key);
      if (data?.status) this.send(state, data.status);
      if (data?.synced) this.send(state, { kind: "snapshot", topic: key, items: [...data.byUid.values()] as never, resync: false });
    }
    // A tab that subscribes again (say after signing in anew) gives a signed-out stream another try.
    for (const c of this.connections) if (c.state === "signed-out") this.open(c);
    this.settle();
  }

  private settle() {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.reconcile(), this.options.settleMs ?? 50);
  }

  private send(member: MemberState, frame: ClientFrame) {
    try {
      member.deliver(frame);
    } catch {
      for (const [m, s] of this.members) if (s === member) this.members.delete(m);
    }
  }

  private broadcast(frame: ClientFrame, key?: string) {
    for (const member of [...this.members.values()]) if (!key || member.topics.has(key)) this.send(member, frame);
  }

  /** Which topics are served, how they are split into streams; opens and closes streams to match. */
  private reconcile() {
    const wanted = new Map<string, Topic>();
    const capacity = this.maxTopics * this.maxStreams;
    const unserved = new Set<string>();
    for (const member of [...this.members.values()].sort((a, b) => b.order - a.order)) {
      for (const [key, topic] of member.topics) {
        if (wanted.has(key)) continue;
        if (wanted.size < capacity) wanted.set(key, topic);
        else unserved.add(key);
      }
    }
    for (const [key, topic] of wanted) this.topics.set(key, topic);
    const plan = planStreams(
      [...this.connections].map((c) => ({ stream: c, keys: c.keys })),
      new Set(wanted.keys()),
      this.maxTopics,
    );
    for (const c of plan.close) {
      this.shut(c);
      this.connections.delete(c);
    }
    for (const [c, { add, remove }] of plan.change) {
      for (const key of remove) c.keys.delete(key);
      for (const key of add) c.keys.add(key);
      this.change(c, add, remove);
    }
    for (const keys of plan.open) {
      const c = new Connection(new Set(keys));
      this.connections.add(c);
      this.open(c);
    }
    for (const key of [...this.data.keys()]) if (!wanted.has(key)) this.data.delete(key);
    for (const key of [...this.topics.keys()]) if (!wanted.has(key)) this.topics.delete(key);
    for (const key of unserved) {
      if (this.unserved.has(key)) continue;
      this.broadcast({ kind: "status", topic: key, state: "failed", lastEventAt: null, error: NOT_SERVED }, key);
    }
    this.unserved = unserved;
    this.updateConnection();
  }

  private shut(c: Connection) {
    clearTimeout(c.retryTimer);
    c.source?.close();
    c.source = undefined;
  }

  private updateConnection() {
    const states = [...this.connections].map((c) => c.state);
    const next: ConnectionState = states.includes("signed-out")
      ? "signed-out"
      : states.includes("reconnecting")
        ? "reconnecting"
        : states.includes("connecting")
          ? "connecting"
          : states.length > 0
            ? "open"
            : this.lastConnection;
    if (next === this.lastConnection) return;
    this.lastConnection = next;
    this.broadcast({ kind: "connection", state: next });
  }

  private setState(c: Connection, state: ConnectionState) {
    c.state = state;
    this.updateConnection();
  }

  /**
   * Adds and removes topics of an open stream through the control endpoint: the stream stays, and nothing already
   * served is sent again. A stream that has not said hello yet (or a refused change) is reopened with its whole set.
   */
  private change(c: Connection, add: string[], remove: string[]) {
    const stream = c.streamId;
    if (!stream || c.state !== "open") return this.open(c);
    const topics = (keys: string[]) => keys.map((key) => this.topics.get(key)).filter((t): t is Topic => t !== undefined);
    const change: TopicChange = { stream, add: topics(add), remove: remove.map((key) => topicOfKey(JSON.parse(key))) };
    (this.options.control ?? defaultControl(this.url))(change).then(
      (applied) => !applied && c.streamId === stream && this.connections.has(c) && this.open(c),
      () => c.streamId === stream && this.connections.has(c) && this.open(c),
    );
  }

  private paramOf(c: Connection) {
    return JSON.stringify([...c.keys].sort().map((key) => this.topics.get(key)));
  }

  private open(c: Connection) {
    this.shut(c);
    c.streamId = undefined;
    c.openedWith = this.paramOf(c);
    const es = new this.options.EventSource(`${this.url}?topics=${encodeURIComponent(c.openedWith)}`);
    c.source = es;
    const current = () => c.source === es && this.connections.has(c);
    this.setState(c, c.state === "open" ? "reconnecting" : c.state === "signed-out" ? "connecting" : c.state);
    es.onopen = () => current() && this.setState(c, "open");
    es.onerror = async () => {
      if (!current()) return;
      // Still CONNECTING: the browser reconnects by itself (the server's `retry:`), and gets a fresh snapshot — to the
      // URL it opened, so a stream whose topics changed since is reopened by hand with its current set.
      if (es.readyState !== CLOSED) {
        if (c.openedWith !== this.paramOf(c)) {
          this.setState(c, "reconnecting");
          return this.open(c);
        }
        c.streamId = undefined;
        return this.setState(c, "reconnecting");
      }
      // The browser gave up (a non-200 answer): tell "signed out" from "server trouble", then retry with backoff.
      const status = await this.options.sessionStatus().catch(() => undefined);
      if (!current()) return;
      if (status === 401) return this.setState(c, "signed-out");
      this.setState(c, "reconnecting");
      const delay = c.retryMs;
      c.retryMs = Math.min(c.retryMs * 2, MAX_RETRY_MS);
      clearTimeout(c.retryTimer);
      c.retryTimer = setTimeout(() => current() && this.open(c), delay);
    };
    for (const kind of FRAME_KINDS) {
      es.addEventListener(kind, (event) => {
        if (!current()) return;
        c.retryMs = INITIAL_RETRY_MS; // frames arrive: the server serves this stream again
        if (c.state !== "open") this.setState(c, "open");
        this.onFrame(c, JSON.parse(event.data) as StreamFrame);
      });
    }
  }

  /** A snapshot in parts is gathered until its last part; members get it whole, once. */
  private assemble(frame: Extract<StreamFrame, { kind: "snapshot" }>): Extract<StreamFrame, { kind: "snapshot" }> | undefined {
    const { part = 0, parts = 1, topic, resync } = frame;
    if (parts <= 1) return { kind: "snapshot", topic, items: frame.items, resync };
    const items = part === 0 ? [...frame.items] : (this.parts.get(topic) ?? []).concat(frame.items);
    if (part < parts - 1) {
      this.parts.set(topic, items);
      return undefined;
    }
    this.parts.delete(topic);
    return { kind: "snapshot", topic, items, resync };
  }

  private onFrame(c: Connection, frame: StreamFrame) {
    switch (frame.kind) {
      case "hello":
        c.streamId = frame.stream;
        return;
      case "snapshot": {
        const whole = this.assemble(frame);
        if (!whole) return;
        this.data.set(whole.topic, { byUid: new Map(whole.items.map((item) => [item.uid, item])), synced: true, status: this.data.get(whole.topic)?.status });
        return this.broadcast(whole, whole.topic);
      }
      case "change": {
        const data = this.data.get(frame.topic);
        if (data) {
          if (frame.type === "DELETED") data.byUid.delete(frame.item.uid);
          else data.byUid.set(frame.item.uid, frame.item);
        }
        return this.broadcast(frame, frame.topic);
      }
      case "status": {
        const data: TopicData = this.data.get(frame.topic) ?? { byUid: new Map(), synced: false };
        data.status = frame;
        this.data.set(frame.topic, data);
        return this.broadcast(frame, frame.topic);
      }
      case "heartbeat":
        for (const member of [...this.members.values()]) if ([...member.topics.keys()].some((key) => c.keys.has(key))) this.send(member, frame);
    }
  }
}
