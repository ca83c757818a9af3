import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FlushScheduler, type FlushHost } from "@/components/live/flush-scheduler";

/** A browser with 16 ms frames on fake timers; `frames` says whether the tab gets any (a background tab gets none). */
const host = (frames = true): FlushHost => ({
  now: () => Date.now(),
  frame: (callback) => (frames ? (setTimeout(callback, 16 - (Date.now() % 16)) as unknown as number) : -1),
  cancelFrame: (id) => clearTimeout(id as unknown as ReturnType<typeof setTimeout>),
  timeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id),
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe("FlushScheduler (when a tab applies live changes)", () => {
  it("applies what came on the next frame, once for many events", async () => {
    const runs: number[] = [];
    const flusher = new FlushScheduler(() => runs.push(Date.now()), host());
    flusher.request();
    flusher.request();
    await vi.advanceTimersByTimeAsync(5);
    flusher.request();
    await vi.advanceTimersByTimeAsync(20);
    expect(runs).toEqual([16]);
  });

  it("after a flush that took C ms, waits C ms before the next: live updates get at most half the main thread", async () => {
    const runs: number[] = [];
    const flusher = new FlushScheduler(() => {
      runs.push(Date.now());
      vi.setSystemTime(Date.now() + 40); // the write and its render took 40 ms
    }, host());
    flusher.request();
    await vi.advanceTimersByTimeAsync(16);
    await vi.advanceTimersByTimeAsync(1); // the cost is taken after the render (a 0 ms timeout)
    expect(runs).toEqual([16]);
    flusher.request(); // at 57 ms: not before 96 ms (16 + 40 + 40), then on the next frame
    await vi.advanceTimersByTimeAsync(38);
    expect(runs).toEqual([16]);
    await vi.advanceTimersByTimeAsync(40);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toBeGreaterThanOrEqual(96);
    expect(runs[1]).toBeLessThanOrEqual(112);
  });

  it("flushes a background tab (no frames) by its timer", async () => {
    const runs: number[] = [];
    const flusher = new FlushScheduler(() => runs.push(Date.now()), host(false), 250);
    flusher.request();
    await vi.advanceTimersByTimeAsync(300);
    expect(runs).toEqual([250]);
  });
});
