import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { openJson, sealJson } from "./signed-json";

/** Signed session cookies: `<base64url payload>.<base64url HMAC-SHA256>`. No state on the server to lose. */
export const SESSION_COOKIE = "vnode_session";
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

export interface Session {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
  /** A person signed in with OpenID Connect: the session is short (exp) and refreshed until `rexp` (lib/auth/oidc-session.ts). */
  oidc?: { user: string; name: string; groups: string[]; rexp: number };
}

export interface SessionOptions {
  oidc?: Session["oidc"];
  ttlSeconds?: number;
  /** Kept across a refresh, so a sign-out (revocation of the sid) ends the refreshed session too. */
  sid?: string;
}

export function createSessionCookieValue(sub: string, secret: string, now = Date.now(), options: SessionOptions = {}): string {
  const iat = Math.floor(now / 1000);
  const session: Session = { sub, sid: options.sid ?? randomBytes(12).toString("base64url"), iat, exp: iat + (options.ttlSeconds ?? SESSION_TTL_SECONDS) };
  if (options.oidc) session.oidc = options.oidc;
  return sealJson(session, secret);
}

/**
 * `secrets`: the key, or every key still valid (a key ring: the newest signs, older ones still verify).
 * `allowExpired`: a genuine cookie past its `exp` is returned too (an OIDC session that may still be refreshed).
 */
export function verifySessionCookieValue(value: string | undefined, secrets: string | readonly string[], now = Date.now(), { allowExpired = false } = {}): Session | null {
  const session = openJson<Session>(value, secrets);
  return session && typeof session.exp === "number" && (allowExpired || session.exp * 1000 > now) && typeof session.sub === "string" ? session : null;
}

/** Compares a presented access token with the configured one in constant time. */
export function tokenMatches(presented: string, expected: string): boolean {
  const a = createHmac("sha256", "token-compare").update(presented).digest();
  const b = createHmac("sha256", "token-compare").update(expected).digest();
  return expected.length > 0 && timingSafeEqual(a, b);
}
