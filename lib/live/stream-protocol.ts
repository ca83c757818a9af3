import type { LiveResource, Topic } from "./topics";
import type { ViewByResource } from "./views";

/** Frames of the one Server-Sent Events stream per tab (`/api/stream`), each naming the topic it belongs to. */
export type StreamFrame =
  | { kind: "snapshot"; topic: string; items: ViewByResource[LiveResource][]; resync: boolean }
  | { kind: "change"; topic: string; type: "ADDED" | "MODIFIED" | "DELETED"; item: ViewByResource[LiveResource] }
  | { kind: "status"; topic: string; state: "connecting" | "live" | "reconnecting"; lastEventAt: number; error?: string }
  | { kind: "heartbeat"; now: number };

