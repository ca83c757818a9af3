import { afterEach, describe, expect, it, vi } from "vitest";
import { MemorySessionRevocations } from "@/lib/auth/revocations";

afterEach(() => vi.useRealTimers());

describe("session revocations", () => {
  it("remembers a revoked session id until the cookie's own expiry, then forgets it", async () => {
    let now = Date.UTC(2026, 11, 2, 9, 0, 0);
    const revocations = new MemorySessionRevocations(() => now);
    const exp = now / 1000 + 3600;
    await revocations.revoke("sid-1", exp);
    expect(await revocations.isRevoked("sid-1")).toBe(true);
    expect(await revocations.isRevoked("sid-2")).toBe(false);
    now += 3600 * 1000;
    expect(await revocations.isRevoked("sid-1")).toBe(false);
    await revocations.revoke("sid-3", now / 1000 + 10);
    expect((revocations as unknown as { revoked: Map<string, number> }).revoked.has("sid-1")).toBe(false);
  });

  it("tells a live stream when its session is signed out or expires, once", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 2, 9, 0, 0) });
    const revocations = new MemorySessionRevocations();
    const exp = Math.floor(Date.now() / 1000) + 60;
    const signedOut = vi.fn();
    const expired = vi.fn();
    const cancelled = vi.fn();
    revocations.onSessionEnded({ sid: "a", exp }, signedOut);
    revocations.onSessionEnded({ sid: "b", exp }, expired);
    const cancel = revocations.onSessionEnded({ sid: "c", exp }, cancelled);
    cancel();
    await revocations.revoke("a", exp);
    expect(signedOut).toHaveBeenCalledWith("signed-out");
    expect(expired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(expired).toHaveBeenCalledWith("expired");
    expect(signedOut).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
