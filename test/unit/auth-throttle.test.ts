import { describe, expect, it } from "vitest";
import { SignInThrottle } from "@/lib/auth/throttle";

describe("sign-in throttle", () => {
  const t0 = Date.UTC(2026, 11, 2, 9, 0, 0);

  it("pauses only the client that sent 10 wrong tokens within a minute", () => {
    const throttle = new SignInThrottle(10, 60_000);
    for (let i = 0; i < 9; i++) throttle.fail("10.0.0.1", t0 + i * 1000);
    expect(throttle.retryAfterSeconds("10.0.0.1", t0 + 9_000)).toBe(0);
    throttle.fail("10.0.0.1", t0 + 9_000);
    expect(throttle.retryAfterSeconds("10.0.0.1", t0 + 9_000)).toBe(51);
    expect(throttle.retryAfterSeconds("10.0.0.2", t0 + 9_000)).toBe(0);
  });

  it("does not count attempts made while paused, so the pause ends a minute after the first failure", () => {
    const throttle = new SignInThrottle(10, 60_000);
    for (let i = 0; i < 10; i++) throttle.fail("10.0.0.1", t0 + i);
    for (let s = 1; s < 60; s++) {
      expect(throttle.retryAfterSeconds("10.0.0.1", t0 + s * 1000)).toBeGreaterThan(0);
      throttle.fail("10.0.0.1", t0 + s * 1000);
    }
    expect(throttle.retryAfterSeconds("10.0.0.1", t0 + 60_000 + 10)).toBe(0);
  });

  it("forgets failures older than the window", () => {
    const throttle = new SignInThrottle(3, 60_000);
    throttle.fail("a", t0);
    throttle.fail("a", t0 + 1000);
    throttle.fail("a", t0 + 61_000);
    expect(throttle.retryAfterSeconds("a", t0 + 61_000)).toBe(0);
  });

  it("keeps memory bounded: the oldest clients are dropped first", () => {
    const throttle = new SignInThrottle(1, 60_000, 2);
    throttle.fail("a", t0);
    throttle.fail("b", t0);
    throttle.fail("c", t0);
    expect(throttle.retryAfterSeconds("a", t0)).toBe(0);
    expect(throttle.retryAfterSeconds("c", t0)).toBeGreaterThan(0);
  });
});
