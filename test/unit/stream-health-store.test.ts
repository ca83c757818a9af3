import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** The badge's store: a live event publishes its time at once, or at most a second after the last published one. */
describe("stream health store: touch", () => {
  let store: typeof import("@/components/live/stream-health-store").streamHealthStore;
  let renders = 0;
  beforeEach(async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    vi.resetModules(); // the store is module state: a fresh one per test
    store = (await import("@/components/live/stream-health-store")).streamHealthStore;
    renders = 0;
    store.subscribe(() => renders++);
  });
  afterEach(() => vi.useRealTimers());

  it("publishes the first event at once", () => {
    store.touch();
    expect(store.get().lastEventAt).toBe(1_000_000);
    expect(renders).toBe(1);
  });

  it("publishes a burst of events once at its start and once at the end of the second, with the latest time", () => {
    store.touch();
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(10);
      store.touch();
    }
    expect(renders).toBe(1);
    expect(store.get().lastEventAt).toBe(1_000_000);
    vi.advanceTimersByTime(499); // 1 ms before the second is over
    expect(renders).toBe(1);
    vi.advanceTimersByTime(1);
    expect(renders).toBe(2);
    expect(store.get().lastEventAt).toBe(1_000_500); // the burst's last event, not the time of publishing
  });

  it("publishes at once again when a second has passed, and never goes back in time", () => {
    store.touch();
    vi.advanceTimersByTime(1_500);
    store.touch();
    expect(renders).toBe(2);
    expect(store.get().lastEventAt).toBe(1_001_500);
    vi.advanceTimersByTime(5_000);
    expect(renders).toBe(2); // nothing pending: no timer fires a stale publish
  });

  it("keeps other fields when it publishes", () => {
    store.set({ connection: "open" });
    store.touch();
    expect(store.get()).toMatchObject({ connection: "open", lastEventAt: 1_000_000 });
  });
});
