import "server-only";
import { Watch } from "@kubernetes/client-node";
import { kubeConfigFor } from "./kubeconfig";
import { getJson, KubeStatusError } from "./raw-api";
import { serverStreamLimits } from "@/lib/live/limits";
import { streamErrorWords } from "@/lib/live/stream-error-words";
import type { TopicState } from "@/lib/live/stream-protocol";
import { LIVE_RESOURCES, topicKey, type Topic } from "@/lib/live/topics";
import { toView } from "@/lib/live/views";
import { say, words } from "@/lib/errors";

export interface KubeObject {
  metadata: { uid: string; name: string; namespace?: string; resourceVersion?: string; managedFields?: unknown; [k: string]: unknown };
  [k: string]: unknown;
}

/**
 * What the hub keeps of an object: its identity and the JSON of the view the console shows of it (lib/live/views),
 * projected once as it arrives. The object itself (spec, full status, annotations) is dropped at once: at 10,000 pods
 * keeping whole objects cost the server more than 100 MiB, and every reader only ever sends or reads the view.
 */
export interface HubItem {
  metadata: { uid: string; name: string; namespace?: string; resourceVersion?: string };
  json: string;
}

export type WatchState = TopicState;

export type HubEvent =
  | { kind: "snapshot"; items: HubItem[]; resync: boolean }
  | { kind: "change"; type: "ADDED" | "MODIFIED" | "DELETED"; object: HubItem }
  | { kind: "status"; state: WatchState; lastEventAt: number | null; error?: string };

type Listener = (event: HubEvent) => void;

const LINGER_MS = 5_000; // keeps a watch briefly after its last subscriber leaves, so a page reload reuses it
const PAGE_SIZE = 500;
const INITIAL_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;
/** Least wait before a watch the apiserver closed normally is opened again, so a server that closes at once is not hammered. */
export const MIN_REWATCH_MS = 500;
const LIST_TIMEOUT_MS = 30_000;
const WATCH_TIMEOUT_MS = 90_000;

/** Answers of the apiserver that no retry can change: the request itself is wrong (a bad selector, an unknown resource). */
const FINAL_STATUS = new Set([400, 404, 422]);

/** The hub already keeps `serverStreamLimits.upstreamWatches` watches open and cannot open one more. */
export class HubFullError extends Error {
  constructor(readonly limit: number) {
    super(say(words("server.hubFull", { limit })));
  }
}

/** The object as the hub keeps it: identity and view JSON only (see HubItem). */
export function hubItem(topic: Topic, object: KubeObject): HubItem {
  const { uid, name, namespace, resourceVersion } = object.metadata;
  return { metadata: { uid, name, namespace, resourceVersion }, json: JSON.stringify(toView[topic.resource](object)) };
}

/**
 * One list+watch for a topic, shared by every subscriber (tabs, users). Like client-go's reflector: after a dropped
 * connection it resumes the watch from the last resourceVersion (with capped backoff), and relists only when the
 * apiserver answers 410 Gone; bookmarks keep that resourceVersion fresh on quiet resources.
 */
export class SharedWatch {
  readonly objects = new Map<string, HubItem>();
  private listeners = new Set<Listener>();
  private resourceVersion = "";
  private abort?: AbortController;
  private retryTimer?: NodeJS.Timeout;
  private lingerTimer?: NodeJS.Timeout;
  private backoffMs = INITIAL_BACKOFF_MS;
  /** Whether the current watch connection delivered anything (an event or a bookmark). */
  private eventsThisWatch = false;
  private stopped = false;
  private synced = false;
  private hasSyncedOnce = false;
  state: WatchState = "connecting";
  /** When the apiserver last sent something for this topic; null until it ever did (never made up). */
  lastEventAt: number | null = null;
  lastError?: string;
  /** How often this watch listed from scratch (the first list included). */
  relists = 0;
  /** How many watch requests it opened. */
  watches = 0;

  constructor(
    readonly topic: Topic,
    private readonly onIdle: () => void,
    /** Resume from a known resourceVersion instead of listing first (an expired one leads to a 410 and a relist). */
    private readonly resumeFrom?: string,
  ) {}

  get subscriberCount() {
    return this.listeners.size;
  }

  subscribe(listener: Listener): () => void {
    clearTimeout(this.lingerTimer);
    this.listeners.add(listener);
    listener({ kind: "status", state: this.state, lastEventAt: this.lastEventAt, error: this.lastError });
    if (this.synced) listener({ kind: "snapshot", items: [...this.objects.values()], resync: false });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.lingerTimer = setTimeout(() => this.listeners.size === 0 && this.onIdle(), LINGER_MS);
    };
  }

  start() {
    if (this.resumeFrom) {
      this.resourceVersion = this.resumeFrom;
      this.watch().catch((e) => this.retry(e, "watch"));
    } else void this.relist();
  }

  get idle() {
    return this.listeners.size === 0;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.lingerTimer);
    this.abort?.abort();
  }

  private emit(event: HubEvent) {
    for (const listener of this.listeners) listener(event);
  }

  private setState(state: WatchState, error?: string) {
    this.state = state;
    this.lastError = error;
    this.emit({ kind: "status", state, lastEventAt: this.lastEventAt, error });
  }

  private get kc() {
    return kubeConfigFor(this.topic.cluster);
  }

  private get path() {
    const base = LIVE_RESOURCES[this.topic.resource].path;
    if (!this.topic.namespace) return base;
    const parts = base.split("/");
    return [...parts.slice(0, -1), "namespaces", this.topic.namespace, parts.at(-1)].join("/");
  }

  private async relist() {
    if (this.stopped) return;
    this.relists++;
    try {
      const fresh = new Map<string, HubItem>();
      let continueToken: string | undefined;
      let resourceVersion = "";
      do {
        const page = await getJson<{ items: KubeObject[]; metadata: { resourceVersion: string; continue?: string } }>(
          this.kc,
          this.path,
          {
            labelSelector: this.topic.labelSelector,
            fieldSelector: this.topic.fieldSelector,
            limit: String(PAGE_SIZE),
            continue: continueToken,
          },
          AbortSignal.timeout(LIST_TIMEOUT_MS),
        );
        for (const item of page.items) fresh.set(item.metadata.uid, hubItem(this.topic, item));
        continueToken = page.metadata.continue || undefined;
        resourceVersion = page.metadata.resourceVersion;
      } while (continueToken);
      this.objects.clear();
      for (const [uid, obj] of fresh) this.objects.set(uid, obj);
      this.resourceVersion = resourceVersion;
      this.synced = true;
      this.lastEventAt = Date.now();
      this.backoffMs = INITIAL_BACKOFF_MS; // the apiserver answered with data: the connection works again
      this.emit({ kind: "snapshot", items: [...this.objects.values()], resync: this.hasSyncedOnce });
      this.hasSyncedOnce = true;
    } catch (error) {
      this.retry(error, "relist");
      return;
    }
    await this.watch().catch((e) => this.retry(e, "watch"));
  }

  private async watch() {
    if (this.stopped) return;
    const watch = new Watch(this.kc);
    let ended = false;
    this.watches++;
    this.eventsThisWatch = false;
    // client-node aborts a watch after 30 s of silence; bookmarks come about once a minute, so allow 90 s before
    // calling a quiet connection dead (the field is private in the typings but is the documented knob of Watch).
    (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs = WATCH_TIMEOUT_MS;
    this.abort = await watch.watch(
      this.path,
      { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, labelSelector: this.topic.labelSelector, fieldSelector: this.topic.fieldSelector },
      (type: string, object: KubeObject) => this.onWatchEvent(type, object),
      (error: unknown) => {
        ended = true;
        this.onWatchEnd(error);
      },
    );
    if (this.stopped) this.abort.abort();
    // Accepted: live. The backoff starts over only once events arrive (an apiserver may accept and close at once).
    else if (!ended && this.state !== "live") this.setState("live");
  }

  private onWatchEvent(type: string, object: KubeObject) {
    this.lastEventAt = Date.now();
    this.eventsThisWatch = true;
    this.backoffMs = INITIAL_BACKOFF_MS;

    if (type === "BOOKMARK") {
      this.resourceVersion = object.metadata.resourceVersion ?? this.resourceVersion;
      return;
    }
    if (type === "ERROR") {
      const status = object as unknown as { code?: number; message?: string };
      if (status.code === 410) this.resourceVersion = ""; // expired: the end handler relists
      return;
    }
    this.resourceVersion = object.metadata.resourceVersion ?? this.resourceVersion;
    const item = hubItem(this.topic, object);
    const previous = this.objects.get(item.metadata.uid);
    if (type === "DELETED") this.objects.delete(item.metadata.uid);
    else this.objects.set(item.metadata.uid, item);
    // A change the view does not show (a node's heartbeat, a pod's condition times) is sent to no one: every tab
    // would otherwise render again for it (101 nodes report once a minute each; a pod's start is several writes).
    if (type === "MODIFIED" && previous?.json === item.json) return;
    this.emit({ kind: "change", type: type as "ADDED" | "MODIFIED" | "DELETED", object: item });
  }

  private onWatchEnd(error: unknown) {
    if (this.stopped) return;
    const e = error as { code?: number; statusCode?: number; name?: string } | null;
    if (e?.code === 410 || e?.statusCode === 410 || !this.resourceVersion) {
      void this.relist(); // expired: only a fresh list can tell what changed
    } else if (e && e.name !== "TimeoutError") {
      this.retry(error, "watch");
    } else {
      // A normal close (server request timeout) or our inactivity timeout: resume from the last resourceVersion,
      // after a short pause; a connection that brought nothing waits the growing backoff instead.
      const delay = this.eventsThisWatch ? MIN_REWATCH_MS : Math.max(MIN_REWATCH_MS, this.backoffMs);
      if (!this.eventsThisWatch) this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.watch().catch((err) => this.retry(err, "watch")), delay);
    }
  }

  private words(error: unknown, next: "relist" | "watch") {
    const verb = next === "relist" ? "list" : "watch";
    return streamErrorWords(error, {
      credential: this.kc.getCurrentUser()?.name,
      timeoutSeconds: (next === "relist" ? LIST_TIMEOUT_MS : WATCH_TIMEOUT_MS) / 1000,
      action: `${verb} ${this.topic.resource}${this.topic.namespace ? ` in ${this.topic.namespace}` : ""}`,
    });
  }

  private retry(error: unknown, next: "relist" | "watch") {
    if (this.stopped) return;
    const message = this.words(error, next);
    const status = error instanceof KubeStatusError ? error.code : (error as { statusCode?: number } | null)?.statusCode;
    if (status !== undefined && FINAL_STATUS.has(status)) {
      // The request itself is wrong (a selector the apiserver rejects, a resource it lacks): retrying forever would
      // only load the apiserver. Subscribers see the failure; the watch ends when they leave.
      this.setState("failed", message);
      return;
    }
    this.setState("reconnecting", message);
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    this.retryTimer = setTimeout(() => {
      if (next === "relist" || !this.resourceVersion) void this.relist();
      else this.watch().catch((err) => this.retry(err, "watch"));
    }, delay);
  }
}

/** All shared watches of this server process: one per topic, ref-counted, closed when nobody listens. */
class WatchHub {
  private watches = new Map<string, SharedWatch>();

  /** How many new upstream watches `topics` would need, and whether the hub has room for them. */
  hasRoomFor(topics: Topic[]): boolean {
    const fresh = new Set(topics.map(topicKey).filter((key) => !this.watches.has(key)));
    if (fresh.size === 0) return true;
    const idle = [...this.watches.values()].filter((w) => w.idle).length; // lingering: closed to make room
    return this.watches.size - idle + fresh.size <= serverStreamLimits.upstreamWatches;
  }

  /** Throws HubFullError when a new upstream watch would exceed `serverStreamLimits.upstreamWatches`. */
  subscribe(topic: Topic, listener: Listener): () => void {
    const key = topicKey(topic);
    let shared = this.watches.get(key);
    if (!shared) {
      if (this.watches.size >= serverStreamLimits.upstreamWatches) {
        // Watches that only linger after their last subscriber left give way first.
        for (const [k, w] of this.watches) {
          if (this.watches.size < serverStreamLimits.upstreamWatches) break;
          if (w.idle) {
            w.stop();
            this.watches.delete(k);
          }
        }
        if (this.watches.size >= serverStreamLimits.upstreamWatches) throw new HubFullError(serverStreamLimits.upstreamWatches);
      }
      const created: SharedWatch = new SharedWatch(topic, () => {
        created.stop();
        if (this.watches.get(key) === created) this.watches.delete(key);
      });
      shared = created;
      this.watches.set(key, shared);
      shared.start();
    }
    return shared.subscribe(listener);
  }

  stats() {
    return [...this.watches.values()].map((w) => ({ topic: w.topic, subscribers: w.subscriberCount, objects: w.objects.size, state: w.state }));
  }
}

// One hub per server process, kept on globalThis so Next's dev-mode module reloads don't open a second set of watches.
const globalForHub = globalThis as unknown as { __vnodeWatchHub?: WatchHub };
globalForHub.__vnodeWatchHub ??= new WatchHub();
export const watchHub = globalForHub.__vnodeWatchHub;
