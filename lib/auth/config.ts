import "server-only";
import { randomBytes } from "node:crypto";
import { oidcConfig } from "./oidc-config";

/**
 * The access token users sign in with, and the key that signs session cookies. `npm start` sets both (printing the
 * token once, as Jupyter does); without VNODE_SESSION_SECRET a per-process key is used, so sessions end on restart.
 */
const processSecret = randomBytes(32).toString("hex");

/** Shorter tokens are refused: `npm start` will not start with one, and the console will not accept one. */
export const MIN_TOKEN_LENGTH = 32;

export const authConfig = {
  /**
   * The configured token, or "" when none is set, it is too short to be safe, or people sign in with OpenID Connect
   * (then the token sign-in is off unless VNODE_TOKEN_SIGN_IN=1 keeps it): the token sign-in is then refused.
   */
  accessToken: () => {
    if (oidcConfig.enabled() && !oidcConfig.tokenSignInAlso()) return "";
    const token = process.env.VNODE_CONSOLE_TOKEN ?? "";
    return token.length >= MIN_TOKEN_LENGTH ? token : "";
  },
  sessionSecret: () => process.env.VNODE_SESSION_SECRET || processSecret,
  /** Forces `Secure` cookies (e.g. TLS terminated by something that does not send X-Forwarded-Proto). */
  secureCookies: () => process.env.VNODE_SECURE_COOKIES === "1",
  /** Set when the console runs behind a reverse proxy: only then X-Forwarded-For / X-Forwarded-Proto are believed. */
  trustProxy: () => process.env.VNODE_TRUST_PROXY === "1" || process.env.VNODE_TRUST_PROXY === "true",
};
