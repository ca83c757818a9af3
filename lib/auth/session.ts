import "server-only";
import { cookies, headers } from "next/headers";
import { authConfig } from "./config";
import { consoleState } from "@/lib/server/state";
import { servedOverHttps } from "./request-info";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, createSessionCookieValue, verifySessionCookieValue, type Session } from "./session-cookie";
import { sessionSigningKey, verifySession } from "./verify-session";
import { endSessionUrl, oidcDiscovery, revokeToken } from "./oidc-client";
import { oidcConfig } from "./oidc-config";
import { sessionTokens } from "./oidc-tokens";

export { onSessionEnded, type SessionEndReason } from "./revocations";
export { sessionSigningKey } from "./verify-session";

/** The signed-in session, or null. Every action, route handler and page asks this itself (lib/server/guard.ts). */
export async function currentSession(): Promise<Session | null> {
  const jar = await cookies();
  return verifySession(jar.get(SESSION_COOKIE)?.value);
}

/** `secure` when the browser reaches the console over HTTPS (see servedOverHttps). */
export const sessionCookieOptions = (secure = authConfig.secureCookies()) => ({
  httpOnly: true,
  sameSite: "strict" as const,
  secure,
  path: "/",
  maxAge: SESSION_TTL_SECONDS,
});

/** Cookie options for the request being handled. */
export const cookieOptionsFor = (requestHeaders: { get(name: string): string | null }) =>
  sessionCookieOptions(servedOverHttps(requestHeaders, { trustProxy: authConfig.trustProxy(), forceSecure: authConfig.secureCookies() }));

export async function startSession(sub: string) {
  const jar = await cookies();
  jar.set(SESSION_COOKIE, createSessionCookieValue(sub, await sessionSigningKey()), cookieOptionsFor(await headers()));
}

/**
 * Sign-out: the session id is revoked on the server (a copied cookie stops working), then the cookie is deleted. An
 * OIDC session's refresh token is revoked at the provider too; the answer is where the browser should go to end the
 * provider's own session (RP-initiated logout), when the provider offers it.
 */
export async function endSession(): Promise<{ providerLogout?: string }> {
  const jar = await cookies();
  // Expired OIDC sessions too: their refresh token is still to be revoked, their sid still to be remembered.
  const session = verifySessionCookieValue(jar.get(SESSION_COOKIE)?.value, await consoleState().sessionKeys.verifying(), Date.now(), { allowExpired: true });
  jar.delete(SESSION_COOKIE);
  if (!session?.sid) return {};
  await consoleState().revocations.revoke(session.sid, Math.max(session.exp, session.oidc?.rexp ?? 0));
  if (!session.oidc) return {};
  const tokens = sessionTokens.take(session.sid);
  try {
    const config = await oidcDiscovery();
    if (tokens?.refreshToken) await revokeToken(config, tokens.refreshToken).catch(() => undefined);
    const logout = endSessionUrl(config, tokens?.idToken, `${await consoleOrigin()}/login`);
    return { providerLogout: logout?.href };
  } catch (error) {
    console.error(`sign-out: the identity provider's session could not be ended (${(error as Error).message})`);
    return {};
  }
}

/** The console's origin as the browser reaches it: VNODE_PUBLIC_URL, else the request's Host. */
export async function consoleOrigin(): Promise<string> {
  const configured = oidcConfig.publicUrl();
  if (configured) return configured;
  const h = await headers();
  return originOf(h);
}

export function originOf(h: { get(name: string): string | null }): string {
  const configured = oidcConfig.publicUrl();
  if (configured) return configured;
  const https = servedOverHttps(h, { trustProxy: authConfig.trustProxy(), forceSecure: authConfig.secureCookies() });
  return `${https ? "https" : "http"}://${h.get("host") ?? "127.0.0.1"}`;
}
