"use client";

/** Connection health of the tab's stream, readable with useSyncExternalStore. */
export type ConnectionState = "connecting" | "open" | "reconnecting" | "signed-out";

export interface StreamHealth {
  connection: ConnectionState;
  lastEventAt: number;
  topics: Record<string, { state: "connecting" | "live" | "reconnecting"; error?: string }>;
}

let health: StreamHealth = { connection: "connecting", lastEventAt: Date.now(), topics: {} };
const listeners = new Set<() => void>();

export const streamHealthStore = {
  get: () => health,
  set(patch: Partial<StreamHealth>) {
    health = { ...health, ...patch };
    listeners.forEach((l) => l());
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
