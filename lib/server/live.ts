import "server-only";
import { randomUUID } from "node:crypto";
import { onSessionEnded } from "@/lib/auth/session";
import { kubeConfigFor, UnknownClusterError } from "@/lib/k8s/kubeconfig";
import { HubFullError, watchHub, type HubEvent } from "@/lib/k8s/watch-hub";
import { refuseStreamTopic, type Topic } from "@/lib/live/topics";
import { metrics } from "./metrics";

// The live stream's door to the shared watch hub: the route handler asks here, never the adapter itself.

/** Why a cluster named in a topic cannot be streamed, or undefined when the console knows it. */
export function unknownClusterReason(cluster: string): string | undefined {
  try {
    kubeConfigFor(cluster);
    return undefined;
  } catch (error) {
    if (error instanceof UnknownClusterError) return error.message;
    throw error;
  }
}

export { HubFullError, onSessionEnded, watchHub, type HubEvent };
export { LIVE_ACCESS_TTL_MS, LiveAccess } from "./live-access";
export { isDraining, onDrain } from "./lifecycle";

/** Counts an open stream and the frames it sends, for /metrics. */
export const streamMetrics = {
  opened: () => metrics.streams.open++,
  closed: () => metrics.streams.open--,
  sent: (kind: string) => metrics.sseFrames.inc({ kind }),
};

/** An open /api/stream, as the control endpoint (POST /api/stream/topics) changes its topics. */
export interface LiveStreamHandle {
  /** The session that opened it: only that session may change it. */
  sid: string;
  keys(): ReadonlySet<string>;
  follow(topic: Topic): void;
  unfollow(key: string): void;
}

// Open streams by id, per process (on globalThis: one registry across dev reloads).
const globalForStreams = globalThis as unknown as { __vnodeLiveStreams?: Map<string, LiveStreamHandle> };
globalForStreams.__vnodeLiveStreams ??= new Map<string, LiveStreamHandle>();
const openStreams = globalForStreams.__vnodeLiveStreams;

export const liveStreams = {
  register(handle: LiveStreamHandle): string {
    const id = randomUUID();
    openStreams.set(id, handle);
    return id;
  },
  unregister: (id: string) => openStreams.delete(id),
  /** The stream `id`, if it is open and belongs to session `sid` (another session's stream is as good as unknown). */
  find(id: string, sid: string): LiveStreamHandle | undefined {
    const handle = openStreams.get(id);
    return handle?.sid === sid ? handle : undefined;
  },
};

/** Why /api/stream does not serve `topic` (a shape the UI never asks for, an unknown cluster), or undefined. */
export function streamTopicProblem(topic: Topic): string | undefined {
  return refuseStreamTopic(topic) ?? unknownClusterReason(topic.cluster);
}
