import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FlushScheduler, type FlushHost } from "@/components/live/flush-scheduler";

/**
 * A browser with 16 ms frames on fake timers; `frames` says whether the tab gets any (a background tab gets none).
 * With `lateBy`, a frame comes that many ms after it is asked for instead (a busy machine).
 */
const host = (frames = true, lateBy?: () => number): FlushHost => ({
  now: () => Date.now(),
  frame: (callback) => (!frames ? -1 : (setTimeout(callback, lateBy ? lateBy() : 16 - (Date.now() % 16)) as unknown as number)),
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

  it("a quiet tab flushes each event on the next frame, even after a slow flush", async () => {
    const runs: number[] = [];
    const flusher = new FlushScheduler(() => {
      runs.push(Date.now());
      vi.setSystemTime(Date.now() + 40); // the write and its render took 40 ms
    }, host());
    flusher.request();
    await vi.advanceTimersByTimeAsync(17); // the cost is taken after the render (a 0 ms timeout)
    expect(runs).toEqual([16]);
    flusher.request(); // at 57 ms: 40 ms of the last second were flushes, so the next frame (64 ms)
    await vi.advanceTimersByTimeAsync(16);
    expect(runs).toEqual([16, 64]);
  });

  it("under load, after a flush that took C ms, waits C ms before the next: live updates get at most half the main thread", async () => {
    const runs: number[] = [];
    const flusher = new FlushScheduler(() => {
      runs.push(Date.now());
      vi.setSystemTime(Date.now() + 200); // each write and its render take 200 ms
    }, host());
    for (let i = 0; i < 3; i++) {
      flusher.request(); // quiet so far: on the next frame
      await vi.advanceTimersByTimeAsync(17);
    }
    expect(runs).toHaveLength(3); // 600 ms of the last second were flushes
    const asked = Date.now();
    flusher.request(); // not before the last flush's end + 200 ms, then on the next frame
    await vi.advanceTimersByTimeAsync(400);
    expect(runs).toHaveLength(4);
    const lastEnd = runs[2] + 200;
    expect(asked - lastEnd).toBeLessThan(50);
    expect(runs[3]).toBeGreaterThanOrEqual(lastEnd + 200);
    expect(runs[3]).toBeLessThanOrEqual(lastEnd + 200 + 16);
  });

  it("flushes a background tab (no frames) by its timer", async () => {
    const runs: number[] = [];
    const flusher = new FlushScheduler(() => runs.push(Date.now()), host(false), 250);
    flusher.request();
    await vi.advanceTimersByTimeAsync(300);
    expect(runs).toEqual([250]);
  });

  it("one late frame (a garbage collection) changes nothing: the next event still flushes on the next frame", async () => {
    const runs: number[] = [];
    let frameMs = 120;
    const flusher = new FlushScheduler(
      () => runs.push(Date.now()),
      host(true, () => frameMs),
    );
    flusher.request();
    await vi.advanceTimersByTimeAsync(120);
    frameMs = 16;
    flusher.request();
    await vi.advanceTimersByTimeAsync(16);
    expect(runs).toEqual([120, 136]);
  });

  it("on a busy machine (two frames 100 ms late within 2 s) flushes at most every 150 ms, until 2 s pass without a late frame", async () => {
    const runs: number[] = [];
    let frameMs = 120; // frames come 120 ms after they are asked for: other tabs hold the cores
    const flusher = new FlushScheduler(
      () => runs.push(Date.now()),
      host(true, () => frameMs),
    );
    for (let i = 0; i < 2; i++) {
      flusher.request();
      await vi.advanceTimersByTimeAsync(120);
    }
    expect(runs).toEqual([120, 240]); // the second late frame: busy from now on
    frameMs = 16; // the machine frees up
    for (let t = 0; t < 10; t++) {
      flusher.request(); // an event every 20 ms
      await vi.advanceTimersByTimeAsync(20);
    }
    // 150 ms after the last flush (390), then the frame 16 ms later: one flush for the ten events so far.
    expect(runs).toEqual([120, 240, 406]);
    await vi.advanceTimersByTimeAsync(2_000); // 2 s since the last late frame: not busy any more
    flusher.request();
    await vi.advanceTimersByTimeAsync(16);
    expect(runs.at(-1)).toBe(Date.now()); // the next frame, no wait
  });
});
