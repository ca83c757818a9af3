import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { authConfig } from "@/lib/auth/config";
import { servedOverHttps } from "@/lib/auth/request-info";
import { STATIC_SECURITY_HEADERS, contentSecurityPolicy, newNonce } from "@/lib/auth/security-headers";
import { verifySession } from "@/lib/auth/verify-session";
import { refreshOidcSession } from "@/lib/auth/oidc-session";
import { cookieOptionsFor } from "@/lib/auth/session";

/**
 * Paths anyone may open: the sign-in page and the sign-in link, and the probes Kubernetes and Prometheus call
 * (/healthz, /readyz; /metrics has its own optional token). The probes say nothing about users or objects.
 */
const PUBLIC_PATH = /^\/(?:login|auth|healthz|readyz|metrics)(?:\/|$)/;

function secured(response: NextResponse, csp: string) {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

/**
 * The first gate: no session, no page, no API. Server actions and route handlers check the session again
 * themselves (lib/server/guard.ts), so a matcher change can never expose them. It also sets the security headers, with a
 * fresh CSP nonce per request. Next 16 runs proxy in the Node.js runtime, in the server's process: the revocation
 * list it consults (sign-out) is the one the route handlers write.
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = servedOverHttps(request.headers, { trustProxy: authConfig.trustProxy(), forceSecure: authConfig.secureCookies() });
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const { pathname, search } = request.nextUrl;
  const cookie = request.cookies.get(SESSION_COOKIE)?.value;
  // An OIDC session past its short life is refreshed here, before the page or action that asks for it.
  const refreshed = PUBLIC_PATH.test(pathname) || !cookie || (await verifySession(cookie)) ? null : await refreshOidcSession(cookie);
  if (PUBLIC_PATH.test(pathname) || refreshed || (await verifySession(cookie))) {
    if (refreshed) request.cookies.set(SESSION_COOKIE, refreshed.value);
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
    const response = NextResponse.next({ request: { headers: requestHeaders } });
    if (refreshed) response.cookies.set(SESSION_COOKIE, refreshed.value, { ...cookieOptionsFor(request.headers), maxAge: refreshed.maxAge });
    return secured(response, csp);
  }
  if (pathname.startsWith("/api/") || (request.method !== "GET" && request.method !== "HEAD")) {
    return secured(NextResponse.json({ error: "unauthenticated", message: "Sign in first." }, { status: 401 }), csp);
  }
  // request.url names the host as Next.js normalises it (127.0.0.1 becomes localhost); Next turns a redirect to the
  // request's own host into a relative Location, so the browser stays on the host it used.
  const login = new URL("/login", request.url);
  login.searchParams.set("next", pathname + search);
  return secured(NextResponse.redirect(login), csp);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
