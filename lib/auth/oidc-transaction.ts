import { openJson, sealJson } from "./signed-json";

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

const PURPOSE = "oidc-transaction";

export function sealTransaction(tx: Omit<OidcTransaction, "exp">, secret: string, now = Date.now()): string {
  return sealJson({ ...tx, exp: Math.floor(now / 1000) + OIDC_TX_SECONDS }, secret, PURPOSE);
}

/** `secrets`: every session key still valid (the login and its callback may be served by different replicas). */
export function openTransaction(value: string | undefined, secrets: string | readonly string[], now = Date.now()): OidcTransaction | null {
  const tx = openJson<OidcTransaction>(value, secrets, PURPOSE);
  return tx && typeof tx.exp === "number" && tx.exp * 1000 > now ? tx : null;
}
