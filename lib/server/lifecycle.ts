import "server-only";

// The server process's life: serving, then draining after SIGTERM (a roll-out or a node drain). While draining the
// replica says "not ready" (the Service stops sending it new clients), live streams are told to reconnect (they land
// on another replica without a page reload), and actions already running are finished before the process exits.

type DrainListener = () => void;

interface Lifecycle {
  draining: boolean;
  inFlight: number;
  idle: Set<() => void>;
  drainListeners: Set<DrainListener>;
  drain?: (timeoutMs?: number) => Promise<{ unfinished: number }>;
}

// On globalThis: route handlers, server actions and the custom server (scripts/console-server.mjs) share one state.
const globalForLifecycle = globalThis as unknown as { __vnodeLifecycle?: Lifecycle };
globalForLifecycle.__vnodeLifecycle ??= { draining: false, inFlight: 0, idle: new Set(), drainListeners: new Set() };
const state: Lifecycle = globalForLifecycle.__vnodeLifecycle;

export const isDraining = () => state.draining;
export const actionsInFlight = () => state.inFlight;

/** Runs work that must finish before the process exits (an install, a grant). */
export async function tracked<T>(work: () => Promise<T>): Promise<T> {
  state.inFlight++;
  try {
    return await work();
  } finally {
    state.inFlight--;
    if (state.inFlight === 0) for (const resolve of state.idle) resolve();
  }
}

/** Called once when draining starts (a live stream ends itself so its client reconnects elsewhere). */
export function onDrain(listener: DrainListener): () => void {
  if (state.draining) {
    listener();
    return () => {};
  }
  state.drainListeners.add(listener);
  return () => state.drainListeners.delete(listener);
}

export const DRAIN_TIMEOUT_MS = Number(process.env.VNODE_DRAIN_TIMEOUT_MS) || 25_000;

/**
 * Starts draining and resolves when the actions in flight are done or `timeoutMs` passed (Kubernetes' grace period is
 * 30 s by default; an action cut off then is shown truthfully by any replica, since its state is read from ACK).
 */
async function drain(timeoutMs = DRAIN_TIMEOUT_MS): Promise<{ unfinished: number }> {
  if (!state.draining) {
    state.draining = true;
    for (const listener of state.drainListeners) listener();
    state.drainListeners.clear();
  }
  if (state.inFlight > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        state.idle.delete(done);
        resolve();
      }
      state.idle.add(done);
    });
  }
  return { unfinished: state.inFlight };
}
state.drain = drain;
export { drain };
