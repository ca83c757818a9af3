/** What the scheduler needs of the browser (injected, so the scheduling is tested without one). */
export interface FlushHost {
  now(): number;
  frame(callback: () => void): number;
  cancelFrame(id: number): void;
  timeout(callback: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(id: ReturnType<typeof setTimeout> | undefined): void;
}

export const browserFlushHost: FlushHost = {
  now: () => performance.now(),
  frame: (callback) => requestAnimationFrame(callback),
  cancelFrame: (id) => cancelAnimationFrame(id),
  timeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id),
};

const LOAD_WINDOW_MS = 1000;

/**
 * When a tab applies buffered live changes: on the next frame, so one event costs at most a frame. Under load — the
 * flushes of the last second took half of it or more — after a flush that took C ms (the cache write and the render
 * it caused), not before another C ms have passed: live updates get at most half of the main thread, so a busy tab
 * (10,000 pods, 20 tabs on 2 cores) batches more instead of falling behind, while a quiet tab paints each event on the
 * next frame. A tab in the background gets no frames: there a timer flushes, so the buffer never grows without end.
 */
export class FlushScheduler {
  private frameId?: number;
  private backgroundTimer?: ReturnType<typeof setTimeout>;
  private delayTimer?: ReturnType<typeof setTimeout>;
  private nextAllowed = Number.NEGATIVE_INFINITY;
  /** Flushes of the last LOAD_WINDOW_MS: when each ended and what it cost. */
  private recent: { end: number; cost: number }[] = [];

  constructor(
    private readonly run: () => void,
    private readonly host: FlushHost = browserFlushHost,
    private readonly backgroundMs = 250,
  ) {}

  /** Something is waiting to be applied. */
  request() {
    if (this.backgroundTimer !== undefined) return;
    this.backgroundTimer = this.host.timeout(() => this.flush(), this.backgroundMs);
    const wait = this.underLoad() ? this.nextAllowed - this.host.now() : 0;
    if (wait <= 0) this.frameId = this.host.frame(() => this.flush());
    else
      this.delayTimer = this.host.timeout(() => {
        this.delayTimer = undefined;
        this.frameId = this.host.frame(() => this.flush());
      }, wait);
  }

  flush() {
    this.cancel();
    const start = this.host.now();
    this.run();
    // The render the write causes runs in React Query's notify task (a 0 ms timeout), queued before this one.
    this.host.timeout(() => {
      const end = this.host.now();
      this.nextAllowed = end + (end - start);
      this.recent.push({ end, cost: end - start });
    }, 0);
  }

  private underLoad() {
    const since = this.host.now() - LOAD_WINDOW_MS;
    while (this.recent.length && this.recent[0].end < since) this.recent.shift();
    return this.recent.reduce((sum, flush) => sum + flush.cost, 0) >= LOAD_WINDOW_MS / 2;
  }

  cancel() {
    this.host.clearTimeout(this.backgroundTimer);
    this.host.clearTimeout(this.delayTimer);
    if (this.frameId !== undefined) this.host.cancelFrame(this.frameId);
    this.backgroundTimer = this.delayTimer = this.frameId = undefined;
  }
}
