import "server-only";
import { authConfig } from "./config";
import { sessionRevocations } from "./revocations";
import { verifySessionCookieValue, type Session } from "./session-cookie";

/** A cookie's session if it is genuine, unexpired and not signed out (revoked). Used by proxy.ts and currentSession(). */
export async function verifySession(cookieValue: string | undefined, now = Date.now()): Promise<Session | null> {
  const session = verifySessionCookieValue(cookieValue, authConfig.sessionSecret(), now);
  if (!session || typeof session.sid !== "string" || (await sessionRevocations.isRevoked(session.sid))) return null;
  return session;
}
