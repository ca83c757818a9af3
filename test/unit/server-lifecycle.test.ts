import { describe, expect, it } from "vitest";
import { actionsInFlight, drain, isDraining, onDrain, tracked } from "@/lib/server/lifecycle";
import { metricsAccess } from "@/lib/server/metrics";
import { readiness } from "@/lib/server/readiness";

describe("shutdown drain", () => {
  it("tells listeners once, waits for the action in flight, and reports nothing unfinished", async () => {
    let told = 0;
    onDrain(() => told++);
    let finish!: () => void;
    const action = tracked(() => new Promise<string>((resolve) => (finish = () => resolve("done"))));
    expect(actionsInFlight()).toBe(1);
    let drained = false;
    const draining = drain(5_000).then((r) => {
      drained = true;
      return r;
    });
    await Promise.resolve();
    expect(isDraining()).toBe(true);
    expect(told).toBe(1);
    expect(drained).toBe(false);
    finish();
    expect(await action).toBe("done");
    expect(await draining).toEqual({ unfinished: 0 });
    // A listener added while draining is told at once (a stream opened in the last moment still moves).
    let late = 0;
    onDrain(() => late++);
    expect(late).toBe(1);
    // Draining replicas leave the Service's endpoints: /readyz says so.
    expect(await readiness()).toEqual({ ready: false, checks: [{ name: "serving", ok: false, detail: "draining after SIGTERM" }] });
  });

  it("gives up after the timeout and says how many actions were left", async () => {
    const stuck = tracked(() => new Promise(() => {}));
    expect(await drain(20)).toEqual({ unfinished: 1 });
    void stuck;
  });
});

describe("metrics access", () => {
  it("is open without VNODE_METRICS_TOKEN and needs the exact bearer token with it", () => {
    delete process.env.VNODE_METRICS_TOKEN;
    expect(metricsAccess(null)).toBeNull();
    process.env.VNODE_METRICS_TOKEN = "scrape-token-123";
    expect(metricsAccess(null)).toMatch(/Authorization: Bearer/);
    expect(metricsAccess("Bearer wrong")).toMatch(/VNODE_METRICS_TOKEN/);
    expect(metricsAccess("Bearer scrape-token-123")).toBeNull();
    delete process.env.VNODE_METRICS_TOKEN;
  });
});
