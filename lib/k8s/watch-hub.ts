import "server-only";
import { Watch } from "@kubernetes/client-node";
import { kubeConfigFor } from "./kubeconfig";
import { getJson, KubeStatusError } from "./raw-api";
import { LIVE_RESOURCES, topicKey, type Topic } from "@/lib/live/topics";

export interface KubeObject {
  metadata: { uid: string; name: string; namespace?: string; resourceVersion?: string; managedFields?: unknown; [k: string]: unknown };
  [k: string]: unknown;
}

export type WatchState = "connecting" | "live" | "reconnecting";

export type HubEvent =
  | { kind: "snapshot"; items: KubeObject[]; resync: boolean }
  | { kind: "change"; type: "ADDED" | "MODIFIED" | "DELETED"; object: KubeObject }
  | { kind: "status"; state: WatchState; lastEventAt: number; error?: string };

type Listener = (event: HubEvent) => void;

const LINGER_MS = 5_000; // keeps a watch briefly after its last subscriber leaves, so a page reload reuses it
const PAGE_SIZE = 500;
const MAX_BACKOFF_MS = 10_000;

/** managedFields is large and never shown; dropping it roughly halves what the hub keeps and sends. */
function slim(object: KubeObject): KubeObject {
  if (object.metadata?.managedFields) delete object.metadata.managedFields;
  return object;
}

/**
 * One list+watch for a topic, shared by every subscriber (tabs, users). Like client-go's reflector: after a dropped
 * connection it resumes the watch from the last resourceVersion (with capped backoff), and relists only when the
 * apiserver answers 410 Gone; bookmarks keep that resourceVersion fresh on quiet resources.
 */
export class SharedWatch {
  readonly objects = new Map<string, KubeObject>();
  private listeners = new Set<Listener>();
  private resourceVersion = "";
  private abort?: AbortController;
  private retryTimer?: NodeJS.Timeout;
  private lingerTimer?: NodeJS.Timeout;
  private backoffMs = 250;
  private stopped = false;
  private synced = false;
  private hasSyncedOnce = false;
  state: WatchState = "connecting";
  lastEventAt = Date.now();
  lastError?: string;
  /** How often this watch listed from scratch (the first list included). */
  relists = 0;

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
      const fresh = new Map<string, KubeObject>();
      let continueToken: string | undefined;
      let resourceVersion = "";
      do {
        const page = await getJson<{ items: KubeObject[]; metadata: { resourceVersion: string; continue?: string } }>(this.kc, this.path, {
          labelSelector: this.topic.labelSelector,
          fieldSelector: this.topic.fieldSelector,
          limit: String(PAGE_SIZE),
          continue: continueToken,
        });
        for (const item of page.items) fresh.set(item.metadata.uid, slim(item));
        continueToken = page.metadata.continue || undefined;
        resourceVersion = page.metadata.resourceVersion;
      } while (continueToken);
      this.objects.clear();
      for (const [uid, obj] of fresh) this.objects.set(uid, obj);
      this.resourceVersion = resourceVersion;
      this.synced = true;
      this.lastEventAt = Date.now();
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
    // client-node aborts a watch after 30 s of silence; bookmarks come about once a minute, so allow 90 s before
    // calling a quiet connection dead (the field is private in the typings but is the documented knob of Watch).
    (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs = 90_000;
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
    else if (!ended) {
      // The apiserver accepted the watch: the connection works again, so the backoff starts over.
      this.backoffMs = 250;
      this.setState("live");
    }
  }

  private onWatchEvent(type: string, object: KubeObject) {
    this.lastEventAt = Date.now();

    if (type === "BOOKMARK") {
      this.resourceVersion = object.metadata.resourceVersion ?? this.resourceVersion;
      return;
    }
    if (type === "ERROR") {
      const status = object as unknown as { code?: number; message?: string };
      if (status.code === 410) this.resourceVersion = ""; // expired: the end handler relists
      return;
    }
    slim(object);
    this.resourceVersion = object.metadata.resourceVersion ?? this.resourceVersion;
    if (type === "DELETED") this.objects.delete(object.metadata.uid);
    else this.objects.set(object.metadata.uid, object);
    this.emit({ kind: "change", type: type as "ADDED" | "MODIFIED" | "DELETED", object });
  }

  private onWatchEnd(error: unknown) {
    if (this.stopped) return;
    const e = error as { code?: number; statusCode?: number; name?: string } | null;
    if (e?.code === 410 || e?.statusCode === 410 || !this.resourceVersion) {
      void this.relist(); // expired: only a fresh list can tell what changed
    } else if (e && e.name !== "TimeoutError") {
      this.retry(error, "watch");
    } else {
      // A normal close (server request timeout) or our inactivity timeout: resume from the last resourceVersion.
      this.watch().catch((err) => this.retry(err, "watch"));
    }
  }

  private retry(error: unknown, next: "relist" | "watch") {
    if (this.stopped) return;
    const message = error instanceof KubeStatusError ? `${error.code} ${error.reason}: ${error.message}` : ((error as Error)?.message ?? String(error));
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

  subscribe(topic: Topic, listener: Listener): () => void {
    const key = topicKey(topic);
    let shared = this.watches.get(key);
    if (!shared) {
      shared = new SharedWatch(topic, () => {
        shared!.stop();
        this.watches.delete(key);
      });
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
export const watchHub = (globalForHub.__vnodeWatchHub ??= new WatchHub());
