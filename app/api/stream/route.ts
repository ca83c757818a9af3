import { z } from "zod";
import { currentSession } from "@/lib/auth/session";
import { languageOf } from "@/lib/server/request-language";
import { translatorFor } from "@/lib/i18n/translator";
import {
  HubFullError,
  LIVE_ACCESS_TTL_MS,
  LiveAccess,
  isDraining,
  liveStreams,
  onDrain,
  onSessionEnded,
  streamMetrics,
  streamTopicProblem,
  watchHub,
  type HubEvent,
} from "@/lib/server/live";
import { MAX_TOPICS_PER_STREAM, serverStreamLimits } from "@/lib/live/limits";
import type { StreamFrame } from "@/lib/live/stream-protocol";
import { topicKey, topicSchema, type Topic } from "@/lib/live/topics";
import { changeFrame, encodeFrame, snapshotFrames } from "@/lib/live/frame-encoding";
import { FrameQueue } from "@/lib/live/frame-queue";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 10_000;
const topicsSchema = z.array(topicSchema).min(1).max(MAX_TOPICS_PER_STREAM);

// Open streams per session id, for the per-session limit (on globalThis: one count per process, across dev reloads).
const globalForStreams = globalThis as unknown as { __vnodeStreamsPerSession?: Map<string, number> };
globalForStreams.__vnodeStreamsPerSession ??= new Map<string, number>();
const openStreams = globalForStreams.__vnodeStreamsPerSession;

const refuse = (status: number, error: string, message: string) => Response.json({ error, message }, { status });

/** The topics of `?topics=`, or the sentence that says what is wrong with them. */
function parseTopics(raw: string | null): { topics: Topic[] } | { message: string } {
  // i18n-ignore: a protocol error for the console's own client code (it builds the topics), not for a person
  const usage = `\`topics\` must be a JSON array of 1 to ${MAX_TOPICS_PER_STREAM} topics ({cluster, resource, namespace?, labelSelector?, fieldSelector?})`;
  let json: unknown;
  try {
    json = JSON.parse(raw ?? "null");
  } catch {
    return { message: `${usage}; it is not JSON.` }; // i18n-ignore: a protocol error for the console's own client code
  }
  const parsed = topicsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { message: `${usage}; ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}.` };
  }
  const byKey = new Map(parsed.data.map((topic) => [topicKey(topic), topic]));
  for (const topic of byKey.values()) {
    const problem = streamTopicProblem(topic);
    if (problem) return { message: problem };
  }
  return { topics: [...byKey.values()] };
}

/** A frame ready to write: its bytes, or a snapshot's series of frames (written with yields in between). */
type Outgoing = { kind: StreamFrame["kind"]; bytes: Uint8Array } | { kind: "snapshot"; series: Iterable<Uint8Array> };

const plain = (frame: StreamFrame): Outgoing => ({ kind: frame.kind, bytes: encodeFrame(frame) });

/**
 * A hub event as the frame the browser gets: the items' views, which the hub projected and serialised once as they
 * arrived (no spec, no managedFields). A change's bytes are made once and shared by every stream of the topic.
 * Snapshots are cut into parts of SNAPSHOT_CHUNK items.
 */
function toFrame(key: string, event: HubEvent): Outgoing {
  switch (event.kind) {
    case "snapshot":
      return { kind: "snapshot", series: snapshotFrames(key, event.items, (item) => item.json, event.resync) };
    case "change":
      return { kind: "change", bytes: changeFrame(event, key, event.type, () => event.object.json) };
    case "status":
      return plain({ kind: "status", topic: key, state: event.state, lastEventAt: event.lastEventAt, error: event.error });
  }
}

/**
 * The one multiplexed Server-Sent Events stream of a browser (its SharedWorker) or tab: `?topics=<JSON array of
 * topics>`. Each topic is served from the process-wide watch hub, so N tabs cost the apiserver one watch per topic,
 * not N. Bounded: topics per stream, streams per session, upstream watches, and bytes queued for a slow reader. Its first
 * frame (hello) names the stream, so POST /api/stream/topics can add and remove topics without reopening it.
 */
export async function GET(request: Request) {
  const session = await currentSession();
  const t = translatorFor(languageOf(request));
  if (!session) return refuse(401, "unauthenticated", t("server.stream.signIn"));
  if (isDraining()) return refuse(503, "draining", t("server.stream.draining"));
  const parsed = parseTopics(new URL(request.url).searchParams.get("topics"));
  if ("message" in parsed) return refuse(400, "bad-request", parsed.message);
  const { topics } = parsed;
  const sid = session.sid;
  // A person (OIDC) gets only the objects Kubernetes lets them list and watch; the token user, everything.
  const who = session.oidc ? { user: session.oidc.user, groups: session.oidc.groups } : undefined;
  if ((openStreams.get(sid) ?? 0) >= serverStreamLimits.streamsPerSession) {
    return refuse(429, "too-many-streams", t("server.stream.tooMany", { count: serverStreamLimits.streamsPerSession }));
  }
  if (!watchHub.hasRoomFor(topics)) return refuse(503, "hub-full", t("server.hubFull", { limit: serverStreamLimits.upstreamWatches }));

  openStreams.set(sid, (openStreams.get(sid) ?? 0) + 1);
  streamMetrics.opened();
  const encoder = new TextEncoder();
  // Snapshots do not count towards the bound: their size is the cluster's (a big one must still load, and several are
  // queued at once when a stream opens). Change, status and heartbeat frames are what piles up for a client that does
  // not read, without end; those are bounded.
  const snapshots = new WeakSet<Uint8Array>();
  const cleanups: (() => void)[] = [];
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    streamMetrics.closed();
    for (const cleanup of cleanups) cleanup();
    const left = (openStreams.get(sid) ?? 1) - 1;
    if (left > 0) openStreams.set(sid, left);
    else openStreams.delete(sid);
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        const close = (overflow?: Error) => {
          if (closed) return;
          closed = true;
          release();
          try {
            // A client that stopped reading loses its queue at once (error); it reconnects to a fresh snapshot.
            if (overflow) controller.error(overflow);
            else controller.close();
          } catch {
            /* already closed by the client */
          }
        };
        const write = (chunk: Uint8Array, snapshot: boolean) => {
          if (closed) return;
          try {
            if (snapshot) snapshots.add(chunk);
            controller.enqueue(chunk);
          } catch {
            return close();
          }
          // desiredSize = the byte bound minus what waits unread (snapshots aside): below 0, the client is not keeping up.
          // i18n-ignore: the stream is cut (the browser sees a network error and reconnects); the text is for the log
          if ((controller.desiredSize ?? 0) < 0) close(new Error(`the client read too slowly: more than ${serverStreamLimits.queuedBytesPerStream} bytes waited`));
        };
        // In order; a snapshot's parts go out with a yield to the event loop between them (other clients go on).
        const outbox = new FrameQueue(write);
        cleanups.push(() => outbox.stop());
        const send = (frame: Outgoing) => {
          if (closed) return;
          streamMetrics.sent(frame.kind);
          if ("series" in frame) outbox.push(frame.series, true);
          else outbox.push(frame.bytes);
        };
        controller.enqueue(encoder.encode("retry: 2000\n\n"));
        // Topics this stream follows now, each with its hub subscription; POST /api/stream/topics adds and removes.
        const following = new Map<string, () => void>();
        const follow = (topic: Topic) => {
          const key = topicKey(topic);
          if (closed || following.has(key)) return;
          const access = who && new LiveAccess(topic.cluster, who, topic.resource);
          let inOrder = Promise.resolve();
          // Filtered per person after the shared watch: one upstream watch per topic, whoever follows it.
          const deliver = (event: HubEvent) => {
            if (!access) return send(toFrame(key, event));
            inOrder = inOrder
              .then(async () => {
                if (event.kind === "snapshot") send(toFrame(key, { ...event, items: await access.filter(event.items) }));
                else if (event.kind !== "change" || (await access.allows(event.object))) send(toFrame(key, event));
              })
              .catch(() => close());
          };
          // A right taken away (a RoleBinding deleted, a group left) ends the stream; the reconnect's snapshot lacks it.
          const recheck =
            access &&
            setInterval(
              () =>
                void access.recheck().then(
                  (lost) => lost && close(),
                  () => close(),
                ),
              LIVE_ACCESS_TTL_MS,
            );
          try {
            const stop = watchHub.subscribe(topic, deliver);
            following.set(key, () => {
              stop();
              if (recheck) clearInterval(recheck);
            });
          } catch (error) {
            if (recheck) clearInterval(recheck);
            if (!(error instanceof HubFullError)) throw error;
            send(plain({ kind: "status", topic: key, state: "failed", lastEventAt: null, error: error.message }));
          }
        };
        const unfollow = (key: string) => {
          following.get(key)?.();
          following.delete(key);
        };
        cleanups.push(() => {
          for (const stop of following.values()) stop();
          following.clear();
        });
        const id = liveStreams.register({ sid, keys: () => new Set(following.keys()), follow, unfollow });
        cleanups.push(() => liveStreams.unregister(id));
        send(plain({ kind: "hello", stream: id }));
        for (const topic of topics) follow(topic);
        const heartbeat = setInterval(() => send(plain({ kind: "heartbeat", now: Date.now() })), HEARTBEAT_MS);
        cleanups.push(() => clearInterval(heartbeat));
        // Signed out (anywhere) or expired: the stream ends at once; the browser's reconnect then gets a 401.
        cleanups.push(onSessionEnded(session, () => close()));
        request.signal.addEventListener("abort", () => close());
        // This replica is shutting down: the browser reconnects at once (retry 100 ms), to a replica that serves.
        cleanups.push(
          onDrain(() => {
            if (closed) return;
            try {
              controller.enqueue(encoder.encode("retry: 100\n\n"));
            } catch {
              /* closed meanwhile */
            }
            close();
          }),
        );
      },
      cancel() {
        release();
      },
    },
    { highWaterMark: serverStreamLimits.queuedBytesPerStream, size: (chunk) => (snapshots.has(chunk) ? 0 : chunk.byteLength) },
  );
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
