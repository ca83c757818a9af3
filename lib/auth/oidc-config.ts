/**
 * OpenID Connect settings, from the environment (the Helm chart sets the same names). Any provider that publishes
 * discovery works with configuration only: Alibaba Cloud IDaaS, Keycloak, Dex, Google. Without an issuer and a client
 * id, the console stays in the single-user token mode.
 */
const list = (value: string | undefined, separator: RegExp) =>
  (value ?? "")
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

export const oidcConfig = {
  enabled: () => Boolean(process.env.VNODE_OIDC_ISSUER && process.env.VNODE_OIDC_CLIENT_ID),
  issuer: () => process.env.VNODE_OIDC_ISSUER ?? "",
  clientId: () => process.env.VNODE_OIDC_CLIENT_ID ?? "",
  /** Empty for a public client (PKCE only). */
  clientSecret: () => process.env.VNODE_OIDC_CLIENT_SECRET ?? "",
  groupsClaim: () => process.env.VNODE_OIDC_GROUPS_CLAIM || "groups",
  /** The claim that names the person to Kubernetes (Impersonate-User) and in the audit; `sub` unless told. */
  usernameClaim: () => process.env.VNODE_OIDC_USERNAME_CLAIM || "sub",
  scopes: () => {
    const scopes = list(process.env.VNODE_OIDC_SCOPES || "openid profile email", /[\s,]+/);
    return scopes.includes("openid") ? scopes : ["openid", ...scopes];
  },
  /** A session lives this long before it is refreshed with the provider's refresh token (groups are read again). */
  sessionSeconds: () => Number(process.env.VNODE_OIDC_SESSION_SECONDS) || 300,
  /** The console's public URL (redirect URIs are built on it); else the origin the browser used. */
  publicUrl: () => (process.env.VNODE_PUBLIC_URL ?? "").replace(/\/+$/, ""),
  /** With OIDC on, the token sign-in is off unless this asks to keep it (the sandbox's `npm start` does: its operator is the admin). */
  tokenSignInAlso: () => process.env.VNODE_TOKEN_SIGN_IN === "1",
};

/** Groups Kubernetes reserves (system:masters is cluster-admin): a provider's group of that name is never impersonated. */
export const isReservedGroup = (group: string) => group.startsWith("system:");

export const listSetting = (name: string) => list(process.env[name], /,/);
