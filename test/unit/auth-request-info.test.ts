import { describe, expect, it } from "vitest";
import { clientAddress, isCrossSiteOrEmbedded, servedOverHttps } from "@/lib/auth/request-info";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/auth/security-headers";

const h = (init: Record<string, string>) => new Headers(init);

describe("request info", () => {
  it("takes the client address as the last hop recorded it", () => {
    expect(clientAddress(h({ "x-forwarded-for": "127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientAddress(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientAddress(h({}))).toBe("unknown");
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    const https = h({ "x-forwarded-proto": "https" });
    expect(servedOverHttps(https, { trustProxy: false, forceSecure: false })).toBe(false);
    expect(servedOverHttps(https, { trustProxy: true, forceSecure: false })).toBe(true);
    expect(servedOverHttps(h({ "x-forwarded-proto": "http" }), { trustProxy: true, forceSecure: false })).toBe(false);
    expect(servedOverHttps(h({}), { trustProxy: false, forceSecure: true })).toBe(true);
  });

  it("tells a navigation the user made from requests another site made", () => {
    expect(isCrossSiteOrEmbedded(h({}))).toBe(false);
    expect(isCrossSiteOrEmbedded(h({ "sec-fetch-site": "none", "sec-fetch-mode": "navigate" }))).toBe(false);
    expect(isCrossSiteOrEmbedded(h({ "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate" }))).toBe(false);
    expect(isCrossSiteOrEmbedded(h({ "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" }))).toBe(true);
    expect(isCrossSiteOrEmbedded(h({ "sec-fetch-site": "same-site", "sec-fetch-mode": "no-cors", "sec-fetch-dest": "image" }))).toBe(true);
  });

  it("builds a nonce CSP that forbids framing, and the static headers", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n", { https: true })).toContain("upgrade-insecure-requests");
    expect(STATIC_SECURITY_HEADERS).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin" });
  });
});
