/**
 * Security headers of every response. The Content-Security-Policy carries a per-request nonce (made in proxy.ts):
 * Next.js reads it from the request's CSP header and puts it on its own inline and bundle scripts, and 'strict-dynamic'
 * lets those load the rest. Pages are rendered per request anyway (the layout reads the session cookie).
 */
export function contentSecurityPolicy(nonce: string, { dev = false, https = false }: { dev?: boolean; https?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The headers without a nonce, also set by next.config.ts for what proxy.ts does not see (static files).
 * Referrer-Policy is `same-origin`, not `no-referrer`: with `no-referrer` browsers send `Origin: null` on same-origin
 * POSTs, and Next.js would refuse every server action as cross-origin.
 */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}
