import { translatorFor, type Translator } from "@/lib/i18n/translator";
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

const ENGLISH = translatorFor("en");

const ago = (at: number | null | undefined, now: number, t: Translator) =>
  typeof at === "number" ? t("live.health.lastEventAgo", { seconds: Math.max(0, Math.round((now - at) / 1000)) }) : t("live.health.noEventYet");

/**
 * The badge's words: live, connecting, reconnecting (with the error and the time since the last real event), failed,
 * stale, signed out. It never makes up a "last event": with none received it says so.
 */
export function healthLabel(health: StreamHealth, now: number, t: Translator = ENGLISH): { state: string; label: string; tone: HealthTone } {
  const troubled = Object.values(health.topics);
  const failed = troubled.find((t) => t.state === "failed");
  const reconnecting = troubled.find((t) => t.state === "reconnecting");
  if (health.connection === "signed-out") return { state: "signed-out", label: t("live.health.signedOut"), tone: "bad" };
  if (health.connection === "reconnecting") return { state: "reconnecting", label: t("live.health.reconnecting", { since: ago(health.lastEventAt, now, t) }), tone: "warn" };
  if (reconnecting) {
    // The stream is up but the apiserver behind a topic is not: its own last event is the one that counts.
    const at = reconnecting.lastEventAt === undefined ? health.lastEventAt : reconnecting.lastEventAt;
    return {
      state: "reconnecting",
      label: reconnecting.error
        ? t("live.health.reconnectingBecause", { error: reconnecting.error, since: ago(at, now, t) })
        : t("live.health.reconnecting", { since: ago(at, now, t) }),
      tone: "warn",
    };
  }
  if (failed) return { state: "failed", label: failed.error ? t("live.health.failedBecause", { error: failed.error }) : t("live.health.failed"), tone: "bad" };
  if (health.connection === "connecting" || troubled.some((t) => t.state !== "live") || health.lastEventAt === null)
    return { state: "connecting", label: t("live.health.connecting"), tone: "muted" };
  if (now - health.lastEventAt > STALE_AFTER_MS) return { state: "stale", label: t("live.health.stale", { seconds: Math.round((now - health.lastEventAt) / 1000) }), tone: "warn" };
  return { state: "live", label: t("live.health.live"), tone: "live" };
}
