/**
 * What the console may believe about a request's client. Next.js fills `X-Forwarded-For` / `X-Forwarded-Proto` from
 * the socket only when they are absent, so a client can send its own; the console's server (scripts/console-server.mjs)
 * removes such copies unless VNODE_TRUST_PROXY is set, and this module reads them as a trusted proxy appends them.
 */
type HeaderSource = { get(name: string): string | null };

const lastEntry = (value: string | null) =>
  value
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);

/** The address that throttles a client: the socket's peer, or (behind a trusted proxy) the peer the proxy saw. */
export function clientAddress(headers: HeaderSource): string {
  return lastEntry(headers.get("x-forwarded-for")) ?? "unknown";
}

/** True when the browser talks HTTPS to us: behind a trusted TLS proxy (X-Forwarded-Proto), or forced by configuration. */
export function servedOverHttps(headers: HeaderSource, { trustProxy, forceSecure }: { trustProxy: boolean; forceSecure: boolean }): boolean {
  if (forceSecure) return true;
  return trustProxy && lastEntry(headers.get("x-forwarded-proto"))?.toLowerCase() === "https";
}

/**
 * Requests another site made the browser send (`<img src=…/auth?token=x>`, a link on another site, a fetch): refused
 * before they touch the token or the throttle. Browsers send Sec-Fetch-*; clients that send none (curl) are let through.
 */
export function isCrossSiteOrEmbedded(headers: HeaderSource): boolean {
  const site = headers.get("sec-fetch-site");
  const mode = headers.get("sec-fetch-mode");
  return site === "cross-site" || (mode !== null && mode !== "navigate");
}
