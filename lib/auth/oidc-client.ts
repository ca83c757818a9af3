import * as client from "openid-client";
import { isReservedGroup, oidcConfig } from "./oidc-config";
import type { OidcTransaction } from "./oidc-transaction";
import type { Session } from "./session-cookie";
import { say, words } from "@/lib/errors";

/**
 * The console as an OpenID Connect relying party (openid-client): authorization code with PKCE, state and nonce,
 * the provider found by discovery. Every refusal is an OidcRefusal whose message says what went wrong in plain words.
 */
export class OidcRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OidcRefusal";
  }
}

const isLoopbackUrl = (url: URL) => url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";

// Per module instance, not on globalThis: Next bundles the proxy, route handlers and actions apart, each with its own
// copy of openid-client, and a Configuration works only with the copy that made it.
const discovered = new Map<string, Promise<client.Configuration>>();

/** The provider's configuration (discovery), once per issuer and client; a failed discovery is retried next time. */
export function oidcDiscovery(): Promise<client.Configuration> {
  const issuer = oidcConfig.issuer();
  const id = `${issuer} ${oidcConfig.clientId()}`;
  const known = discovered.get(id);
  if (known) return known;
  const url = new URL(issuer);
  const secret = oidcConfig.clientSecret();
  // Plain HTTP only to a provider on this machine (the sandbox's); anywhere else the issuer must be HTTPS.
  const found = client
    .discovery(url, oidcConfig.clientId(), secret || undefined, secret ? client.ClientSecretPost(secret) : client.None(), {
      // The ID token's signature is checked against the provider's keys too (not only trusted for arriving over TLS).
      execute: [client.enableNonRepudiationChecks, ...(isLoopbackUrl(url) && url.protocol === "http:" ? [client.allowInsecureRequests] : [])],
    })
    .catch((error: unknown) => {
      discovered.delete(id);
      throw new OidcRefusal(say(words("server.oidc.unreachable", { issuer, cause: causeChain(error) })));
    });
  discovered.set(id, found);
  return found;
}

export async function beginSignIn(config: client.Configuration, redirectUri: string, next: string): Promise<{ url: URL; tx: Omit<OidcTransaction, "exp"> }> {
  const verifier = client.randomPKCECodeVerifier();
  const tx = { state: client.randomState(), nonce: client.randomNonce(), verifier, next };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: oidcConfig.scopes().join(" "),
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: tx.state,
    nonce: tx.nonce,
  });
  return { url, tx };
}

export interface SignedIn {
  subject: string;
  oidc: Omit<NonNullable<Session["oidc"]>, "rexp">;
  refreshToken?: string;
  idToken?: string;
}

type Claims = Record<string, unknown>;

async function identityOf(config: client.Configuration, tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): Promise<SignedIn> {
  const claims = tokens.claims() as Claims | undefined;
  if (!claims?.sub) throw new OidcRefusal(say(words("server.oidc.noIdToken")));
  let all: Claims = claims;
  const groupsClaim = oidcConfig.groupsClaim();
  // Some providers (Google, IDaaS) put groups or profile claims only in the userinfo answer.
  if (!(groupsClaim in claims) && config.serverMetadata().userinfo_endpoint) {
    all = { ...(await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))), ...claims };
  }
  const rawGroups = all[groupsClaim];
  const groups = (Array.isArray(rawGroups) ? rawGroups : typeof rawGroups === "string" ? rawGroups.split(",") : [])
    .map((g) => String(g).trim())
    .filter((g) => g && !isReservedGroup(g));
  const username = String(all[oidcConfig.usernameClaim()] ?? claims.sub);
  const name = String(all.name ?? all.preferred_username ?? all.email ?? username);
  return { subject: String(claims.sub), oidc: { user: username, name, groups }, refreshToken: tokens.refresh_token, idToken: tokens.id_token };
}

/** The callback: checks state, then lets openid-client check the code exchange, PKCE, the ID token and its nonce. */
export async function completeSignIn(config: client.Configuration, currentUrl: URL, tx: OidcTransaction | null): Promise<SignedIn> {
  if (!tx) {
    throw new OidcRefusal(say(words("server.oidc.noTransaction")));
  }
  const error = currentUrl.searchParams.get("error");
  if (error) {
    throw new OidcRefusal(say(words("server.oidc.refusedWith", { reason: currentUrl.searchParams.get("error_description") ?? error })));
  }
  if (currentUrl.searchParams.get("state") !== tx.state) {
    throw new OidcRefusal(say(words("server.oidc.stateMismatchForged")));
  }
  try {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: tx.verifier,
      expectedState: tx.state,
      expectedNonce: tx.nonce,
      idTokenExpected: true,
    });
    return await identityOf(config, tokens);
  } catch (caught) {
    throw caught instanceof OidcRefusal ? caught : new OidcRefusal(explain(caught, config.serverMetadata().issuer));
  }
}

/** A new ID token for a session (groups read again): a person removed from a group loses its rights here. */
export async function refreshSignIn(config: client.Configuration, refreshToken: string, subject: string): Promise<SignedIn> {
  try {
    const tokens = await client.refreshTokenGrant(config, refreshToken);
    const claims = tokens.claims();
    // A provider may omit the ID token on refresh; then userinfo answers for the same subject.
    const signedIn = claims ? await identityOf(config, tokens) : await identityOf(config, Object.assign(tokens, { claims: () => ({ sub: subject }) as never }) as typeof tokens);
    if (signedIn.subject !== subject) throw new OidcRefusal(say(words("server.oidc.otherPerson")));
    return { ...signedIn, refreshToken: signedIn.refreshToken ?? refreshToken };
  } catch (caught) {
    throw caught instanceof OidcRefusal ? caught : new OidcRefusal(explain(caught, config.serverMetadata().issuer));
  }
}

/** Where the browser goes to end the provider's session too (RP-initiated logout), when the provider offers it. */
export function endSessionUrl(config: client.Configuration, idToken: string | undefined, postLogoutRedirectUri: string): URL | undefined {
  if (!config.serverMetadata().end_session_endpoint) return undefined;
  return client.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri, ...(idToken ? { id_token_hint: idToken } : {}) });
}

export async function revokeToken(config: client.Configuration, token: string) {
  if (config.serverMetadata().revocation_endpoint) await client.tokenRevocation(config, token, { token_type_hint: "refresh_token" });
}

/** The error's message with its causes' (openid-client wraps oauth4webapi's precise finding as the cause). */
function causeChain(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    messages.push(e instanceof Error ? e.message : String(e));
  }
  return messages.join(": ");
}

/** openid-client's findings, worded for the person who was signing in. */
function explain(error: unknown, issuer: string): string {
  if (error instanceof client.ResponseBodyError) {
    if (error.error === "invalid_grant") {
      return say(words("server.oidc.codeRefused"));
    }
    return say(words("server.oidc.refusedCode", { code: error.error_description ? `${error.error}: ${error.error_description}` : error.error }));
  }
  if (error instanceof client.AuthorizationResponseError) return say(words("server.oidc.refusedCode", { code: error.error }));
  const message = causeChain(error);
  if (/"iss" \(issuer\) response parameter|"iss" \(issuer\) claim|"issuer" property/.test(message)) {
    return say(words("server.oidc.unknownIssuer", { issuer }));
  }
  if (/"nonce" claim/.test(message)) return say(words("server.oidc.nonce"));
  if (/"exp" \(expiration time\)|"iat" \(issued at\)|"nbf"/.test(message)) {
    return say(words("server.oidc.expired"));
  }
  if (/signature verification failed|KEY_SELECTION|no applicable key/i.test(message) || (error as { code?: string })?.code === "OAUTH_KEY_SELECTION_FAILED") {
    return say(words("server.oidc.signature", { issuer }));
  }
  if (/"aud" \(audience\)/.test(message)) return say(words("server.oidc.audience"));
  if (/"state"/.test(message)) return say(words("server.oidc.stateMismatch"));
  return say(words("server.oidc.notCompleted", { message }));
}
