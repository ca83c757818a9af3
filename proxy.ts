import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE, verifySessionCookieValue } from "@/lib/auth/session-cookie";
import { authConfig } from "@/lib/auth/config";

/**
 * The first gate: no session, no page, no API. Server actions and route handlers check the session again
 * themselves (requireSession), so a matcher change can never expose them.
 */
export function proxy(request: NextRequest) {
  const session = verifySessionCookieValue(request.cookies.get(SESSION_COOKIE)?.value, authConfig.sessionSecret());
  if (session) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "unauthenticated", message: "Sign in first." }, { status: 401 });
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    return NextResponse.json({ error: "unauthenticated", message: "Sign in first." }, { status: 401 });
  }
  const login = new URL("/login", request.url);
  login.searchParams.set("next", pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!login|auth|_next/static|_next/image|favicon.ico).*)"],
};
