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
/** A frame that comes this much later than asked for is late; two within BUSY_FOR_MS: the machine is busy. */
export const LATE_FRAME_MS = 100;
/** Once busy, for this long after the last late frame, a tab applies live changes at most every BUSY_INTERVAL_MS. */
export const BUSY_FOR_MS = 2_000;
export const BUSY_INTERVAL_MS = 150;

/**
 * When a tab applies buffered live changes: on the next frame, so one event costs at most a frame. Under load — the
 * flushes of the last second took half of it or more — after a flush that took C ms (the cache write and the render
 * it caused), not before another C ms have passed: live updates get at most half of the main thread, so a busy tab
 * (10,000 pods, 20 tabs on 2 cores) batches more instead of falling behind, while a quiet tab paints each event on the
 * next frame. A tab in the background gets no frames: there a timer flushes, so the buffer never grows without end.
 *
 * A tab cannot see the other tabs, only that its frames come late: two frames LATE_FRAME_MS late within BUSY_FOR_MS
 * mean the cores are shared with much else (20 tabs on 2 cores); one alone may be a garbage collection. Then for
 * BUSY_FOR_MS it flushes at most every BUSY_INTERVAL_MS: each flush costs a render, a layout and a paint per tab, and
 * with every tab flushing on each event the tabs queued behind each other for more than a second; fewer, larger
 * batches keep that queue short.
 */
export class FlushScheduler {
  private frameId?: number;
  private backgroundTimer?: ReturnType<typeof setTimeout>;
  private delayTimer?: ReturnType<typeof setTimeout>;
  private nextAllowed = Number.NEGATIVE_INFINITY;
  /** When a frame was last asked for (to see how late it comes), when the last flush started, and until when busy. */
  private frameAskedAt = 0;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private busyUntil = Number.NEGATIVE_INFINITY;
  private lastLateAt = Number.NEGATIVE_INFINITY;
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
    const now = this.host.now();
    const loadWait = this.underLoad() ? this.nextAllowed - now : 0;
    const busyWait = now < this.busyUntil ? this.lastFlushAt + BUSY_INTERVAL_MS - now : 0;
    const wait = Math.max(loadWait, busyWait);
    if (wait <= 0) this.askFrame();
    else
      this.delayTimer = this.host.timeout(() => {
        this.delayTimer = undefined;
        this.askFrame();
      }, wait);
  }

  private askFrame() {
    this.frameAskedAt = this.host.now();
    this.frameId = this.host.frame(() => {
      const now = this.host.now();
      if (now - this.frameAskedAt >= LATE_FRAME_MS) {
        if (now - this.lastLateAt <= BUSY_FOR_MS) this.busyUntil = now + BUSY_FOR_MS;
        this.lastLateAt = now;
      }
      this.flush();
    });
  }

  flush() {
    this.cancel();
    const start = this.host.now();
    this.lastFlushAt = start;
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
