// The pure parts of the shared state: the session key ring, the expiring revocation list, the Activity ring buffer
// and the Lease decisions. (The Kubernetes-backed stores are tested on the sandbox: test/integration/shared-state.)
import { describe, expect, it } from "vitest";
import { needsRotation, parseKeyRing, rotate, signingKey, verifyingKeys, type KeyRing } from "@/lib/state/key-ring";
import { actionLeaseName, leaseIsFree } from "@/lib/state/lease";
import { addRevocation, isRevokedIn, parseRevocations, pruneRevocations } from "@/lib/state/revocation-list";
import { appendBounded, splitLines } from "@/lib/state/ring-buffer";

const HOUR = 3600_000;
const TTL = 12 * HOUR;
const key = (id: string, createdAt: number) => ({ id, secret: id.repeat(32).slice(0, 32), createdAt });

describe("session key ring", () => {
  const t0 = Date.UTC(2026, 0, 1);

  it("signs with the newest key and verifies with every key whose cookies may still live", () => {
    let ring: KeyRing = [key("a", t0)];
    ring = rotate(ring, key("b", t0 + 24 * HOUR), t0 + 24 * HOUR, TTL);
    expect(signingKey(ring).id).toBe("b");
    // "a" signed cookies until "b" came: those live up to 12 h more.
    expect(verifyingKeys(ring, t0 + 30 * HOUR, TTL).map((k) => k.id)).toEqual(["b", "a"]);
    expect(verifyingKeys(ring, t0 + 36 * HOUR, TTL).map((k) => k.id)).toEqual(["b"]);
  });

  it("drops keys that can no longer verify anything when it rotates, keeping the one just replaced", () => {
    let ring: KeyRing = [key("a", t0)];
    ring = rotate(ring, key("b", t0 + HOUR), t0 + HOUR, TTL);
    ring = rotate(ring, key("c", t0 + 2 * HOUR), t0 + 2 * HOUR, TTL);
    expect(ring.map((k) => k.id)).toEqual(["c", "b", "a"]);
    ring = rotate(ring, key("d", t0 + 20 * HOUR), t0 + 20 * HOUR, TTL);
    // "a" was replaced at +1 h (dead since +13 h), "b" at +2 h (dead since +14 h): only "c" still verifies.
    expect(ring.map((k) => k.id)).toEqual(["d", "c"]);
  });

  it("is due for rotation by the signing key's age, never when the age limit is 0", () => {
    const ring = [key("a", t0)];
    expect(needsRotation(ring, t0 + 29 * 24 * HOUR, 30 * 24 * HOUR)).toBe(false);
    expect(needsRotation(ring, t0 + 30 * 24 * HOUR, 30 * 24 * HOUR)).toBe(true);
    expect(needsRotation(ring, t0 + 365 * 24 * HOUR, 0)).toBe(false);
  });

  it("reads a stored ring newest first, and refuses short keys or junk", () => {
    expect(parseKeyRing(JSON.stringify([key("a", 1), key("b", 2)]))?.map((k) => k.id)).toEqual(["b", "a"]);
    expect(parseKeyRing(JSON.stringify([{ id: "x", secret: "short", createdAt: 1 }]))).toBeNull();
    expect(parseKeyRing("[]")).toBeNull();
    expect(parseKeyRing("{not json")).toBeNull();
    expect(parseKeyRing(undefined)).toBeNull();
  });
});

describe("revocation list", () => {
  const now = Date.UTC(2026, 0, 1);
  const sec = (ms: number) => Math.floor(ms / 1000);

  it("refuses a revoked session until its cookie's own expiry, then forgets it", () => {
    const list = addRevocation({}, "s1", sec(now + HOUR), now);
    expect(isRevokedIn(list, "s1", now)).toBe(true);
    expect(isRevokedIn(list, "s2", now)).toBe(false);
    expect(isRevokedIn(list, "s1", now + HOUR)).toBe(false);
    expect(pruneRevocations(list, now + HOUR)).toEqual({});
  });

  it("drops expired entries whenever it is written, and never stores an already expired one", () => {
    let list = addRevocation({}, "old", sec(now + 1000), now);
    list = addRevocation(list, "new", sec(now + HOUR), now + 5000);
    expect(Object.keys(list)).toEqual(["new"]);
    expect(addRevocation(list, "gone", sec(now - 1000), now)).toEqual(list);
  });

  it("reads junk as an empty list", () => {
    expect(parseRevocations("{bad")).toEqual({});
    expect(parseRevocations(JSON.stringify({ s: "x" }))).toEqual({});
    expect(parseRevocations(JSON.stringify({ s: 5 }))).toEqual({ s: 5 });
  });
});

describe("Activity ring buffer", () => {
  it("keeps the newest lines within the count limit", () => {
    let lines: string[] = [];
    for (let i = 1; i <= 7; i++) lines = appendBounded(lines, `r${i}`, { maxItems: 5, maxBytes: 1e6 });
    expect(lines).toEqual(["r3", "r4", "r5", "r6", "r7"]);
  });

  it("keeps the newest lines within the byte limit, and always the line just added", () => {
    const lines = appendBounded(["a".repeat(40), "b".repeat(40)], "c".repeat(40), { maxItems: 100, maxBytes: 90 });
    expect(lines).toEqual(["b".repeat(40), "c".repeat(40)]);
    expect(appendBounded(["x"], "y".repeat(200), { maxItems: 100, maxBytes: 90 })).toEqual(["y".repeat(200)]);
  });

  it("counts UTF-8 bytes, not characters", () => {
    expect(appendBounded(["é".repeat(30)], "a", { maxItems: 10, maxBytes: 40 })).toEqual(["a"]);
  });

  it("splits stored text into its non-empty lines", () => {
    expect(splitLines("a\n\nb\n")).toEqual(["a", "b"]);
    expect(splitLines(undefined)).toEqual([]);
  });
});

describe("action Lease", () => {
  const now = Date.UTC(2026, 0, 1, 12);

  it("is free when nobody holds it, when its holder stopped renewing it, or when it names this very pod", () => {
    expect(leaseIsFree({}, "a", now)).toBe(true);
    expect(leaseIsFree({ holderIdentity: "b", renewTime: new Date(now - 1000), leaseDurationSeconds: 30 }, "a", now)).toBe(false);
    expect(leaseIsFree({ holderIdentity: "b", renewTime: new Date(now - 30_000), leaseDurationSeconds: 30 }, "a", now)).toBe(true);
    expect(leaseIsFree({ holderIdentity: "a", renewTime: new Date(now), leaseDurationSeconds: 30 }, "a", now)).toBe(true);
  });

  it("reads MicroTime as the apiserver's string too", () => {
    expect(leaseIsFree({ holderIdentity: "b", renewTime: "2026-01-01T11:59:59.500000Z", leaseDurationSeconds: 1 }, "a", now)).toBe(false);
    expect(leaseIsFree({ holderIdentity: "b", renewTime: "2026-01-01T11:59:58.000000Z", leaseDurationSeconds: 1 }, "a", now)).toBe(true);
  });

  it("names a cluster's Lease validly, and two clusters differently even when their names look alike", () => {
    const names = ["prod", "Prod", "user@arn:aws:eks:cn-north-1:1:cluster/prod", "a".repeat(300), "---"].map((c) => actionLeaseName("console-vnode-console", c));
    for (const name of names) expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(253);
    expect(new Set(names).size).toBe(names.length);
  });
});
