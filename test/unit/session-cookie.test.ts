import { describe, expect, it } from "vitest";
import { createSessionCookieValue, SESSION_TTL_SECONDS, tokenMatches, verifySessionCookieValue } from "@/lib/auth/session-cookie";
import { nextPathSchema } from "@/lib/auth/schema";

const secret = "k".repeat(64);

describe("session cookies", () => {
  it("verifies what it signed, for the session's lifetime only", () => {
    const now = Date.UTC(2026, 10, 27, 8, 0, 0);
    const value = createSessionCookieValue("token-user", secret, now);
    expect(verifySessionCookieValue(value, secret, now + 1000)).toMatchObject({ sub: "token-user" });
    expect(verifySessionCookieValue(value, secret, now + SESSION_TTL_SECONDS * 1000 + 1)).toBeNull();
  });

  it("rejects a cookie signed with another key, a changed payload, or garbage", () => {
    const value = createSessionCookieValue("token-user", secret);
    expect(verifySessionCookieValue(value, "another-key")).toBeNull();
    const [payload, signature] = value.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), sub: "admin", exp: 9e9 })).toString("base64url");
    expect(verifySessionCookieValue(`${forged}.${signature}`, secret)).toBeNull();
    for (const junk of [undefined, "", "a", "a.b.c", `${payload}.`]) expect(verifySessionCookieValue(junk, secret)).toBeNull();
  });

  it("compares tokens without accepting an empty configured token", () => {
    expect(tokenMatches("abc", "abc")).toBe(true);
    expect(tokenMatches("abd", "abc")).toBe(false);
    expect(tokenMatches("", "")).toBe(false);
  });

  it("redirects after sign-in only to paths on this console", () => {
    expect(nextPathSchema.parse("/clusters/x/addons?tab=1")).toBe("/clusters/x/addons?tab=1");
    for (const outside of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) expect(nextPathSchema.parse(outside)).toBe("/clusters");
  });
});
