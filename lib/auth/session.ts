import "server-only";
import { cookies } from "next/headers";
import { authConfig } from "./config";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, createSessionCookieValue, verifySessionCookieValue, type Session } from "./session-cookie";

export class UnauthenticatedError extends Error {
  constructor() {
    super("Sign in first: your session is missing or has expired.");
  }
}

export async function currentSession(): Promise<Session | null> {
  const jar = await cookies();
  return verifySessionCookieValue(jar.get(SESSION_COOKIE)?.value, authConfig.sessionSecret());
}

/** Every server action and route handler starts here: no session, no data. */
export async function requireSession(): Promise<Session> {
  const session = await currentSession();
  if (!session) throw new UnauthenticatedError();
  return session;
}

export const sessionCookieOptions = () => ({
  httpOnly: true,
  sameSite: "strict" as const,
  secure: authConfig.secureCookies(),
  path: "/",
  maxAge: SESSION_TTL_SECONDS,
});

export async function startSession(sub: string) {
  const jar = await cookies();
  jar.set(SESSION_COOKIE, createSessionCookieValue(sub, authConfig.sessionSecret()), sessionCookieOptions());
}

export async function endSession() {
  (await cookies()).delete(SESSION_COOKIE);
}

/** The first step of every server action: the caller's identity, or the failure to return to it. */
export async function authenticateAction(): Promise<{ ok: true; who: string } | { ok: false; error: string }> {
  const session = await currentSession();
  return session ? { ok: true, who: session.sub } : { ok: false, error: new UnauthenticatedError().message };
}
