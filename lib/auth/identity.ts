/** Who a session belongs to: the person (OIDC) or the single user of the token mode. */
export interface Identity {
  /** The Kubernetes user name it acts as (Impersonate-User) and the audit's `who`. */
  username: string;
  /** The provider's subject (`sub`), for the audit. */
  subject: string;
  displayName: string;
  groups: string[];
  /** "token": the single-user mode, acting with the console's own credentials; "cli": `vnode`, with the caller's own. */
  kind: "oidc" | "token" | "cli";
}

export const TOKEN_USER = "token-user";

export const tokenIdentity = (): Identity => ({ username: TOKEN_USER, subject: TOKEN_USER, displayName: "Token user", groups: [], kind: "token" });
