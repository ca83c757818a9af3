import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import * as client from "openid-client";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { GET as callback } from "@/app/auth/oidc/callback/route";
import { GET as login } from "@/app/auth/oidc/login/route";
import { completeSignIn, oidcDiscovery } from "@/lib/auth/oidc-client";
import { OIDC_TX_COOKIE, openTransaction, sealTransaction } from "@/lib/auth/oidc-transaction";
import { SESSION_COOKIE, verifySessionCookieValue } from "@/lib/auth/session-cookie";
import { signInAtProvider } from "./oidc-browser";

const sandbox = inject("sandbox");
const oidc = sandbox.oidc!;
const user = (name: string) => oidc.users.find((u) => u.username === name)!;
const SECRET = "oidc-integration-test-session-secret-0123456789";
const ORIGIN = "http://127.0.0.1:3190";

beforeAll(() => {
  Object.assign(process.env, {
    VNODE_SESSION_SECRET: SECRET,
    VNODE_OIDC_ISSUER: oidc.issuer,
    VNODE_OIDC_CLIENT_ID: oidc.clientId,
    VNODE_OIDC_CLIENT_SECRET: oidc.clientSecret,
    VNODE_OIDC_GROUPS_CLAIM: "groups",
    VNODE_OIDC_USERNAME_CLAIM: "preferred_username",
    VNODE_OIDC_SCOPES: "openid profile email groups",
    VNODE_PUBLIC_URL: ORIGIN,
  });
});
afterEach(() => vi.useRealTimers());

const request = (path: string, cookies: Record<string, string> = {}) =>
  new NextRequest(`${ORIGIN}${path}`, {
    headers: {
      host: "127.0.0.1:3190",
      cookie: Object.entries(cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join("; "),
    },
  });

const setCookie = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** The console's login route, then the person at the provider: the callback URL and the transaction cookie. */
async function startSignIn(username: string) {
  const started = await login(request("/auth/oidc/login?next=/clusters/x"));
  expect(started.status).toBe(303);
  const tx = setCookie(started, OIDC_TX_COOKIE)!;
  expect(tx).toBeTruthy();
  const back = await signInAtProvider(started.headers.get("location")!, username, user(username).password);
  expect(back.pathname).toBe("/auth/oidc/callback");
  return { back, tx };
}

const finish = (back: URL, tx?: string) => callback(request(`${back.pathname}${back.search}`, tx ? { [OIDC_TX_COOKIE]: tx } : {}));

describe("OpenID Connect sign-in against the sandbox's provider", () => {
  it("signs a person in with their name and groups, and sends the browser on to where it was going", async () => {
    const { back, tx } = await startSignIn("dev-team-a");
    const done = await finish(back, tx);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('url=/clusters/x"');
    const session = verifySessionCookieValue(setCookie(done, SESSION_COOKIE), SECRET);
    expect(session?.oidc).toMatchObject({ user: "dev-team-a", name: "Dana Developer", groups: ["team-a-developers"] });
    expect(setCookie(done, OIDC_TX_COOKIE)).toBe("");
  });

  it("refuses a replayed code, and a replayed answer without its sign-in", async () => {
    const { back, tx } = await startSignIn("operator");
    expect((await finish(back, tx)).status).toBe(200);
    const replayed = await finish(back, tx);
    expect(replayed.status).toBe(401);
    expect(await replayed.text()).toContain("already used (a replayed code)");
    const stale = await finish(back);
    expect(stale.status).toBe(401);
    expect(await stale.text()).toContain("already used or has expired (a replayed or stale callback)");
  });

  it("refuses an answer whose state is not the one this browser started with", async () => {
    const { back, tx } = await startSignIn("admin");
    back.searchParams.set("state", "forged-state");
    const refused = await finish(back, tx);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("state does not match the sign-in this browser started");
  });

  it("refuses an ID token whose nonce is not this sign-in's", async () => {
    const { back, tx } = await startSignIn("admin");
    const opened = openTransaction(tx, SECRET)!;
    const other = sealTransaction({ ...opened, nonce: "another-sign-ins-nonce" }, SECRET);
    const refused = await finish(back, other);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("nonce does not match this sign-in");
  });

  it("refuses an expired ID token (the console's clock is past the token's expiry)", async () => {
    const { back, tx } = await startSignIn("admin");
    const later = Date.now() + 2 * 3600_000;
    const resealed = sealTransaction(openTransaction(tx, SECRET)!, SECRET, later);
    vi.useFakeTimers({ toFake: ["Date"], now: later });
    const refused = await finish(back, resealed);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("The ID token has expired");
  });

  it("refuses an answer naming an unknown issuer", async () => {
    const { back, tx } = await startSignIn("admin");
    back.searchParams.set("iss", "https://idp.example.com");
    const refused = await finish(back, tx);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain(`unknown issuer: this console trusts only ${oidc.issuer}`);
  });

  describe("with a token endpoint that tampers with the ID token", () => {
    let proxy: http.Server;
    let proxyUrl = "";
    beforeAll(async () => {
      const real = (await oidcDiscovery()).serverMetadata().token_endpoint!;
      proxy = http.createServer(async (req, res) => {
        let body = "";
        for await (const chunk of req) body += chunk;
        const answer = await fetch(real, {
          method: "POST",
          body,
          headers: { "content-type": String(req.headers["content-type"]), authorization: req.headers.authorization ?? "" },
        });
        const json = (await answer.json()) as { id_token?: string };
        if (json.id_token) {
          const [h, p, s] = json.id_token.split(".");
          // Another signature of the same length: a token the provider did not sign.
          json.id_token = `${h}.${p}.${s.startsWith("A") ? `B${s.slice(1)}` : `A${s.slice(1)}`}`;
        }
        res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(json));
      });
      await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/token`;
    });
    afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

    it("refuses an ID token with a wrong signature", async () => {
      const { back, tx } = await startSignIn("admin");
      const real = await oidcDiscovery();
      const tampering = new client.Configuration(
        { ...(real.serverMetadata() as unknown as client.ServerMetadata), token_endpoint: proxyUrl },
        oidc.clientId,
        oidc.clientSecret,
        client.ClientSecretPost(oidc.clientSecret),
      );
      client.allowInsecureRequests(tampering);
      client.enableNonRepudiationChecks(tampering);
      const currentUrl = new URL(`${ORIGIN}${back.pathname}${back.search}`);
      await expect(completeSignIn(tampering, currentUrl, openTransaction(tx, SECRET))).rejects.toThrow(`The ID token is not signed by ${oidc.issuer}`);
    });
  });

  it("refreshes a short session with the refresh token (one refresh for parallel requests), and not after sign-out", async () => {
    const { refreshOidcSession } = await import("@/lib/auth/oidc-session");
    const { sessionRevocations } = await import("@/lib/auth/revocations");
    const { back, tx } = await startSignIn("operator");
    const cookie = setCookie(await finish(back, tx), SESSION_COOKIE)!;
    const first = verifySessionCookieValue(cookie, SECRET)!;
    expect(first.exp - first.iat).toBe(300);
    const later = Date.now() + 6 * 60_000;
    expect(verifySessionCookieValue(cookie, SECRET, later)).toBeNull();
    const [a, b] = await Promise.all([refreshOidcSession(cookie, later), refreshOidcSession(cookie, later)]);
    expect(a?.value).toBeTruthy();
    expect(b?.value).toBe(a?.value);
    const refreshed = verifySessionCookieValue(a!.value, SECRET, later)!;
    expect(refreshed).toMatchObject({ sid: first.sid, sub: "operator", oidc: { groups: ["vnode-operators"], rexp: first.oidc!.rexp } });

    await sessionRevocations.revoke(first.sid, first.oidc!.rexp);
    expect(await refreshOidcSession(a!.value, later + 6 * 60_000)).toBeNull();
  });

  it("refuses a wrong password at the provider (nothing is accepted without one)", async () => {
    const started = await login(request("/auth/oidc/login"));
    await expect(signInAtProvider(started.headers.get("location")!, "admin", "not-the-password")).rejects.toThrow(/Wrong username or password/);
  });
});
