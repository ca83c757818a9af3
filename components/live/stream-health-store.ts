"use client";

import type { StreamHealth } from "@/lib/live/health-label";

export type { ConnectionState } from "@/lib/live/stream-client";
export type { StreamHealth } from "@/lib/live/health-label";

/** Connection health of the tab's stream, readable with useSyncExternalStore. No event yet: lastEventAt is null. */
let health: StreamHealth = { connection: "connecting", lastEventAt: null, topics: {} };
const listeners = new Set<() => void>();

export const streamHealthStore = {
  get: () => health,
  set(patch: Partial<StreamHealth>) {
    health = { ...health, ...patch };
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
