"use client";

import type { StreamHealth } from "@/lib/live/health-label";

export type { ConnectionState } from "@/lib/live/stream-client";
export type { StreamHealth } from "@/lib/live/health-label";

/** Connection health of the tab's stream, readable with useSyncExternalStore. No event yet: lastEventAt is null. */
let health: StreamHealth = { connection: "connecting", lastEventAt: null, topics: {} };
const listeners = new Set<() => void>();

/** The badge says "last event N s ago" in whole seconds: a newer time is published at most this often. */
export const TOUCH_EVERY_MS = 1_000;
let latestEventAt: number | null = null;
let trailing: ReturnType<typeof setTimeout> | undefined;

function publishLatest() {
  clearTimeout(trailing);
  trailing = undefined;
  streamHealthStore.set({ lastEventAt: latestEventAt });
}

export const streamHealthStore = {
  get: () => health,
  set(patch: Partial<StreamHealth>) {
    health = { ...health, ...patch };
    for (const listener of listeners) listener();
  },
  /**
   * A frame arrived. Published at once when the last published time is a second old or more, otherwise at the end
   * of that second: every live event used to re-render the badge, a React render and a frame per event per tab
   * (150 per tab per ten-pod burst with 20 tabs open), for a label that only changes by the second.
   */
  touch(at = Date.now()) {
    latestEventAt = at;
    const published = health.lastEventAt;
    if (published === null || at - published >= TOUCH_EVERY_MS) return publishLatest();
    trailing ??= setTimeout(publishLatest, TOUCH_EVERY_MS - (at - published));
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
