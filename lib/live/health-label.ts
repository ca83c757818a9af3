import type { ConnectionState } from "./stream-client";
import type { TopicState } from "./stream-protocol";

/** Connection health of a tab's live data, as the health badge shows it. */
export interface StreamHealth {
  connection: ConnectionState;
  /** When the tab last received a frame from the stream; null until it ever did. */
  lastEventAt: number | null;
  /** Per topic: the upstream watch's state, its error in plain words, and when the apiserver last sent it anything. */
  topics: Record<string, { state: TopicState; error?: string; lastEventAt?: number | null }>;
}

/** A stream sends a heartbeat every 10 s; this long without any frame means the data may be frozen. */
export const STALE_AFTER_MS = 25_000;

export type HealthTone = "live" | "muted" | "warn" | "bad";

const ago = (at: number | null | undefined, now: number) => (typeof at === "number" ? `last event ${Math.max(0, Math.round((now - at) / 1000))}s ago` : "no event received yet");

/**
 * The badge's words: live, connecting, reconnecting (with the error and the time since the last real event), failed,
 * stale, signed out. It never makes up a "last event": with none received it says so.
 */
export function healthLabel(health: StreamHealth, now: number): { state: string; label: string; tone: HealthTone } {
  const troubled = Object.values(health.topics);
  const failed = troubled.find((t) => t.state === "failed");
  const reconnecting = troubled.find((t) => t.state === "reconnecting");
  if (health.connection === "signed-out") return { state: "signed-out", label: "signed out — sign in again", tone: "bad" };
  if (health.connection === "reconnecting") return { state: "reconnecting", label: `reconnecting, ${ago(health.lastEventAt, now)}`, tone: "warn" };
  if (reconnecting) {
    // The stream is up but the apiserver behind a topic is not: its own last event is the one that counts.
    const at = reconnecting.lastEventAt === undefined ? health.lastEventAt : reconnecting.lastEventAt;
    return { state: "reconnecting", label: `reconnecting${reconnecting.error ? ` (${reconnecting.error})` : ""}, ${ago(at, now)}`, tone: "warn" };
  }
  if (failed) return { state: "failed", label: `failed${failed.error ? `: ${failed.error}` : ""}`, tone: "bad" };
  if (health.connection === "connecting" || troubled.some((t) => t.state !== "live") || health.lastEventAt === null)
    return { state: "connecting", label: "connecting…", tone: "muted" };
  if (now - health.lastEventAt > STALE_AFTER_MS) return { state: "stale", label: `stale: no event for ${Math.round((now - health.lastEventAt) / 1000)}s`, tone: "warn" };
  return { state: "live", label: "live", tone: "live" };
}
