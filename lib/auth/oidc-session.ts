import "server-only";
import { type SignedIn, oidcDiscovery, refreshSignIn } from "./oidc-client";
import { oidcConfig } from "./oidc-config";
import { sessionTokens } from "./oidc-tokens";
import { consoleState } from "@/lib/server/state";
import { SESSION_TTL_SECONDS, createSessionCookieValue, verifySessionCookieValue, type Session } from "./session-cookie";

/**
 * OIDC sessions are short (VNODE_OIDC_SESSION_SECONDS) and refreshed with the provider's refresh token until the
 * refresh horizon (the console's usual 12 hours): each refresh reads the person's groups again.
 */
export async function oidcSessionCookie(signedIn: SignedIn, now = Date.now(), sid?: string, rexp?: number): Promise<{ value: string; maxAge: number }> {
  const until = rexp ?? Math.floor(now / 1000) + SESSION_TTL_SECONDS;
  const value = createSessionCookieValue(signedIn.subject, await consoleState().sessionKeys.signing(), now, {
    sid,
    ttlSeconds: Math.min(oidcConfig.sessionSeconds(), Math.max(1, until - Math.floor(now / 1000))),
    oidc: { ...signedIn.oidc, rexp: until },
  });
  const session = verifySessionCookieValue(value, await consoleState().sessionKeys.verifying(), now);
  if (!session) throw new Error("a session cookie just made does not verify"); // i18n-ignore: an invariant broken, for the server log
  sessionTokens.set(session.sid, { refreshToken: signedIn.refreshToken, idToken: signedIn.idToken, until });
  return { value, maxAge: Math.max(1, until - Math.floor(now / 1000)) };
}

type Refreshed = { value: string; maxAge: number } | null;

// One refresh per session at a time, its answer shared for a few seconds: a page, its live stream and its polls all
// arrive with the same expired cookie, and a refresh token used twice makes the provider revoke the whole grant.
const key = Symbol.for("vnode-console.oidc-refreshes");
const store = globalThis as typeof globalThis & { [key]?: Map<string, { at: number; result: Promise<Refreshed> }> };
if (!store[key]) store[key] = new Map();
const refreshes = store[key];
const SHARE_MS = 10_000;

/**
 * A fresh cookie for an OIDC session whose short life is over but which may still be refreshed (genuine, not signed
 * out, before its horizon, refresh token known); null when it has ended (the person signs in again).
 */
export async function refreshOidcSession(cookieValue: string | undefined, now = Date.now()): Promise<Refreshed> {
  if (!oidcConfig.enabled()) return null;
  const { sessionKeys, revocations } = consoleState();
  const session = verifySessionCookieValue(cookieValue, await sessionKeys.verifying(), now, { allowExpired: true });
  if (!session?.oidc || session.oidc.rexp * 1000 <= now || (await revocations.isRevoked(session.sid))) return null;
  for (const [sid, r] of refreshes) if (now - r.at > SHARE_MS) refreshes.delete(sid);
  const shared = refreshes.get(session.sid);
  if (shared) return shared.result;
  const result = refreshNow({ ...session, oidc: session.oidc }, now);
  refreshes.set(session.sid, { at: now, result });
  return result;
}

async function refreshNow(session: Session & { oidc: NonNullable<Session["oidc"]> }, now: number): Promise<Refreshed> {
  const tokens = sessionTokens.get(session.sid);
  if (!tokens?.refreshToken) return null;
  try {
    const refreshed = await refreshSignIn(await oidcDiscovery(), tokens.refreshToken, session.sub);
    return oidcSessionCookie({ ...refreshed, idToken: refreshed.idToken ?? tokens.idToken }, now, session.sid, session.oidc.rexp);
  } catch (error) {
    // The provider refused (the person was disabled, the token revoked): the session ends here.
    console.error(`OIDC session refresh refused for ${session.oidc.user}: ${(error as Error).message}`);
    sessionTokens.take(session.sid);
    return null;
  }
}
