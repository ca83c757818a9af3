import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * What the callback must find again (state, nonce, PKCE verifier, where to go next), kept in a signed, short-lived
 * cookie between the redirect to the provider and its answer. The callback deletes it: a replayed callback finds none.
 */
export const OIDC_TX_COOKIE = "vnode_oidc_tx";
export const OIDC_TX_SECONDS = 600;

export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  exp: number;
}

const sign = (payload: string, secret: string) => createHmac("sha256", `oidc-transaction:${secret}`).update(payload).digest();

export function sealTransaction(tx: Omit<OidcTransaction, "exp">, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...tx, exp: Math.floor(now / 1000) + OIDC_TX_SECONDS })).toString("base64url");
  return `${payload}.${sign(payload, secret).toString("base64url")}`;
}

/** `secrets`: every session key still valid (the login and its callback may be served by different replicas). */
export function openTransaction(value: string | undefined, secrets: string | readonly string[], now = Date.now()): OidcTransaction | null {
  const [payload, signature, extra] = (value ?? "").split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, "base64url");
  const signedBy = (secret: string) => {
    const expected = sign(payload, secret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!(typeof secrets === "string" ? [secrets] : secrets).some(signedBy)) return null;
  try {
    const tx = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as OidcTransaction;
    return typeof tx.exp === "number" && tx.exp * 1000 > now ? tx : null;
  } catch {
    return null;
  }
}
