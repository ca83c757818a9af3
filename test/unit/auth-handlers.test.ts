import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

// The request the server action or currentSession() runs in: next/headers reads it from Next's request scope, which
// does not exist in a unit test, so these tests hand it over.
const scope = vi.hoisted(() => ({ headers: new Headers(), cookies: new Map<string, { value: string; options?: Record<string, unknown> }>() }));
vi.mock("next/headers", () => ({
  headers: async () => scope.headers,
  cookies: async () => ({
    get: (name: string) => (scope.cookies.has(name) ? { name, value: scope.cookies.get(name)!.value } : undefined),
    set: (name: string, value: string, options?: Record<string, unknown>) => void scope.cookies.set(name, { value, options }),
    delete: (name: string) => void scope.cookies.delete(name),
  }),
}));

const { GET } = await import("@/app/auth/route");
const { signIn } = await import("@/app/login/actions");
const { currentSession, endSession } = await import("@/lib/auth/session");
const { signInThrottle } = await import("@/lib/auth/throttle");
const { SESSION_COOKIE } = await import("@/lib/auth/session-cookie");

const TOKEN = `${"t".repeat(20)}0123456789abcdef`;
const env = { ...process.env };

beforeEach(() => {
  process.env.VNODE_CONSOLE_TOKEN = TOKEN;
  process.env.VNODE_SESSION_SECRET = "s".repeat(64);
  delete process.env.VNODE_TRUST_PROXY;
  delete process.env.VNODE_SECURE_COOKIES;
  (signInThrottle as { reset?: () => void }).reset?.();
  scope.headers = new Headers({ "x-forwarded-for": "127.0.0.1" });
  scope.cookies.clear();
});
afterEach(() => {
  process.env = { ...env };
  vi.useRealTimers();
});

/** A browser's request, as Next.js hands it to the route handler (it names 127.0.0.1 as localhost in request.url). */
const authRequest = (query: string, headers: Record<string, string> = {}) =>
  new NextRequest(`http://127.0.0.1:3123/auth?${query}`, {
    headers: { host: "127.0.0.1:3123", "x-forwarded-for": "127.0.0.1", "sec-fetch-site": "none", "sec-fetch-mode": "navigate", ...headers },
  });

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** Runs the action; Next's redirect() throws, and its digest names the target. */
async function runSignIn(fields: Record<string, string>) {
  try {
    return { state: await signIn({}, form(fields)) };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { redirect: digest.split(";")[2] };
  }
}

describe("GET /auth (the printed sign-in link)", () => {
  it("signs in and redirects with a path, so the browser stays on the host it used", async () => {
    const response = await GET(authRequest(`token=${TOKEN}&next=${encodeURIComponent("/clusters/x")}`));
    expect([303, 307]).toContain(response.status);
    expect(response.headers.get("location")).toBe("/clusters/x");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=strict/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it("marks the cookie Secure behind a trusted TLS proxy only", async () => {
    const forged = await GET(authRequest(`token=${TOKEN}`, { "x-forwarded-proto": "https" }));
    expect(forged.headers.get("set-cookie")).not.toMatch(/Secure/i);
    process.env.VNODE_TRUST_PROXY = "1";
    const proxied = await GET(authRequest(`token=${TOKEN}`, { "x-forwarded-proto": "https" }));
    expect(proxied.headers.get("set-cookie")).toMatch(/; Secure/i);
  });

  it("sends a wrong token to the sign-in page, by path", async () => {
    const response = await GET(authRequest("token=wrong"));
    expect(response.headers.get("location")).toBe("/login?next=%2Fclusters");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("refuses requests another site made, with a page saying so, and does not count them", async () => {
    for (let i = 0; i < 20; i++) {
      const image = await GET(authRequest("token=x", { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors", "sec-fetch-dest": "image" }));
      expect(image.status).toBe(403);
    }
    const link = await GET(authRequest(`token=${TOKEN}`, { "sec-fetch-site": "cross-site" }));
    expect(link.status).toBe(403);
    expect(link.headers.get("set-cookie")).toBeNull();
    expect(await link.text()).toContain("opened by another web site");
    const own = await GET(authRequest(`token=${TOKEN}`));
    expect(own.headers.get("location")).toBe("/clusters");
  });

  it("throttles per client, and attempts while paused neither count nor extend the pause", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 2, 9, 0, 0) });
    const attacker = { "x-forwarded-for": "192.0.2.66" };
    for (let i = 0; i < 10; i++) await GET(authRequest("token=guess", attacker));
    expect((await GET(authRequest(`token=${TOKEN}`, attacker))).headers.get("set-cookie")).toBeNull();
    expect((await GET(authRequest(`token=${TOKEN}`))).headers.get("location")).toBe("/clusters");
    for (let s = 0; s < 59; s++) {
      vi.advanceTimersByTime(1000);
      await GET(authRequest("token=guess", attacker));
    }
    vi.advanceTimersByTime(1500);
    expect((await GET(authRequest(`token=${TOKEN}`, attacker))).headers.get("location")).toBe("/clusters");
  });

  it("refuses a configured token shorter than 32 characters", async () => {
    process.env.VNODE_CONSOLE_TOKEN = "short-token";
    const response = await GET(authRequest("token=short-token"));
    expect(response.headers.get("location")).toBe("/login?next=%2Fclusters");
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});

describe("the sign-in action", () => {
  it("signs in and redirects to a path on this console", async () => {
    expect(await runSignIn({ token: TOKEN, next: "/clusters/x/addons" })).toEqual({ redirect: "/clusters/x/addons" });
    expect(scope.cookies.get(SESSION_COOKIE)?.options).toMatchObject({ httpOnly: true, sameSite: "strict", secure: false });
    expect(await runSignIn({ token: TOKEN, next: "https://evil.example/" })).toEqual({ redirect: "/clusters" });
  });

  it("sets a Secure cookie behind a trusted TLS proxy", async () => {
    process.env.VNODE_TRUST_PROXY = "1";
    scope.headers = new Headers({ "x-forwarded-for": "198.51.100.4", "x-forwarded-proto": "https" });
    await runSignIn({ token: TOKEN, next: "/clusters" });
    expect(scope.cookies.get(SESSION_COOKIE)?.options).toMatchObject({ secure: true });
  });

  it("throttles the client that guessed, not the others", async () => {
    scope.headers = new Headers({ "x-forwarded-for": "192.0.2.66" });
    for (let i = 0; i < 10; i++) expect((await runSignIn({ token: "guess" })).state?.error).toContain("not right");
    expect((await runSignIn({ token: TOKEN })).state?.error).toMatch(/Too many wrong tokens\. Try again in \d+ s\./);
    scope.headers = new Headers({ "x-forwarded-for": "127.0.0.1" });
    expect(await runSignIn({ token: TOKEN })).toEqual({ redirect: "/clusters" });
  });

  it("refuses to sign in with a configured token that is too short", async () => {
    process.env.VNODE_CONSOLE_TOKEN = "short-token";
    expect((await runSignIn({ token: "short-token" })).state?.error).toContain("at least 32 characters");
    expect(scope.cookies.has(SESSION_COOKIE)).toBe(false);
  });
});

describe("sign-out", () => {
  it("revokes the session on the server: a copy of the cookie stops working", async () => {
    await runSignIn({ token: TOKEN });
    const copied = scope.cookies.get(SESSION_COOKIE)!.value;
    expect(await currentSession()).toMatchObject({ sub: "token-user" });
    await endSession();
    expect(scope.cookies.has(SESSION_COOKIE)).toBe(false);
    scope.cookies.set(SESSION_COOKIE, { value: copied });
    expect(await currentSession()).toBeNull();
  });
});
