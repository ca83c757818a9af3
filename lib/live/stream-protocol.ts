import type { LiveResource } from "./topics";
import type { ViewByResource } from "./views";

/**
 * State of one topic's upstream watch. "failed" is final: the apiserver refused the request itself (an invalid
 * selector, a resource it does not serve), so retrying could never help.
 */
export type TopicState = "connecting" | "live" | "reconnecting" | "failed";

/** Frames of the one Server-Sent Events stream per tab (`/api/stream`), each naming the topic it belongs to. */
export type StreamFrame =
  /** First frame of a stream: its id, for adding and removing topics (POST /api/stream/topics) without reopening it. */
  | { kind: "hello"; stream: string }
  /**
   * A topic's whole list. A large one comes in `parts` frames (part 0 … parts-1, in order, nothing else of that stream
   * between them): the list is the items of all parts, applied when the last came.
   */
  | { kind: "snapshot"; topic: string; items: ViewByResource[LiveResource][]; resync: boolean; part?: number; parts?: number }
  | { kind: "change"; topic: string; type: "ADDED" | "MODIFIED" | "DELETED"; item: ViewByResource[LiveResource] }
  /** `lastEventAt` is null while the watch never received anything: no time is made up. `error` is plain words. */
  | { kind: "status"; topic: string; state: TopicState; lastEventAt: number | null; error?: string }
  | { kind: "heartbeat"; now: number };
