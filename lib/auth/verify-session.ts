import "server-only";
import { consoleState } from "@/lib/server/state";
import { verifySessionCookieValue, type Session } from "./session-cookie";

/** A cookie's session if it is genuine, unexpired and not signed out (revoked). Used by proxy.ts and currentSession(). */
export async function verifySession(cookieValue: string | undefined, now = Date.now()): Promise<Session | null> {
  const { sessionKeys, revocations } = consoleState();
  let session = verifySessionCookieValue(cookieValue, await sessionKeys.verifying(), now);
  // Signed with a key this replica has not seen yet (rotated on another one): re-read the keys once.
  if (!session && cookieValue) session = verifySessionCookieValue(cookieValue, await sessionKeys.verifying({ refresh: true }), now);
  if (!session || typeof session.sid !== "string" || (await revocations.isRevoked(session.sid))) return null;
  return session;
}

/** The key new session cookies are signed with (the newest of the key ring). */
export const sessionSigningKey = () => consoleState().sessionKeys.signing();
