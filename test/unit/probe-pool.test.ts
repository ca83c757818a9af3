import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ProbeCutShort, probePool } from "@/lib/probe-pool";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A probe answering after `ms` (or never, for a silent cluster), and giving up when its signal aborts. */
const answersAfter = (ms: Record<string, number | "never">, started: string[]) => (id: string, signal: AbortSignal) =>
  new Promise<string>((resolve, reject) => {
    started.push(id);
    signal.addEventListener("abort", () => reject(signal.reason));
    if (ms[id] !== "never") setTimeout(() => resolve(`${id} ok`), ms[id] as number);
  });

describe("probePool (the Clusters page's probes)", () => {
  it("runs at most `concurrency` probes at once, starting the next as one settles", async () => {
    const started: string[] = [];
    const ids = ["a", "b", "c", "d"];
    const results = probePool(ids, answersAfter({ a: 100, b: 300, c: 100, d: 100 }, started), { concurrency: 2, timeoutMs: 5_000, graceMs: 1_000 });
    expect(started).toEqual(["a", "b"]);
    await vi.advanceTimersByTimeAsync(100);
    expect(started).toEqual(["a", "b", "c"]);
    await vi.advanceTimersByTimeAsync(300);
    expect(await Promise.all(ids.map((id) => results.get(id)))).toEqual(["a ok", "b ok", "c ok", "d ok"]);
  });

  it("cuts silent clusters short graceMs after every other probe answered, not at their full timeout", async () => {
    const started: string[] = [];
    const ids = ["up1", "down1", "up2", "down2"];
    const results = probePool(ids, answersAfter({ up1: 200, up2: 800, down1: "never", down2: "never" }, started), {
      concurrency: 8,
      timeoutMs: 5_000,
      graceMs: 1_500,
    });
    const settledAt = new Map<string, number>();
    const t0 = Date.now();
    for (const id of ids)
      results.get(id)!.then(
        () => settledAt.set(id, Date.now() - t0),
        () => settledAt.set(id, Date.now() - t0),
      );
    await vi.advanceTimersByTimeAsync(2_400);
    expect(Object.fromEntries(settledAt)).toEqual({ up1: 200, up2: 800, down1: 2_300, down2: 2_300 });
    await expect(results.get("down1")).rejects.toBeInstanceOf(ProbeCutShort);
    await expect(results.get("down1")).rejects.toMatchObject({ name: "TimeoutError", afterMs: 2_300 });
  });

  it("gives one probe no more than timeoutMs even while others still run", async () => {
    const results = probePool(["slow", "silent"], answersAfter({ slow: 9_000, silent: "never" }, []), { concurrency: 8, timeoutMs: 5_000, graceMs: 1_000 });
    const silent = results.get("silent")!.catch((e) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await silent).toMatchObject({ afterMs: 5_000 });
  });
});
