import "server-only";
import { cookies, headers } from "next/headers";
import { authConfig } from "./config";
import { consoleState } from "@/lib/server/state";
import { servedOverHttps } from "./request-info";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, createSessionCookieValue, type Session } from "./session-cookie";
import { sessionSigningKey, verifySession } from "./verify-session";

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

/** Sign-out: the session id is revoked on the server (a copied cookie stops working), then the cookie is deleted. */
export async function endSession() {
  const jar = await cookies();
  const session = await verifySession(jar.get(SESSION_COOKIE)?.value);
  if (session?.sid) await consoleState().revocations.revoke(session.sid, session.exp);
  jar.delete(SESSION_COOKIE);
}
