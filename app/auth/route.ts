import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { nextPathSchema } from "@/lib/auth/schema";
import { SESSION_COOKIE, createSessionCookieValue, tokenMatches } from "@/lib/auth/session-cookie";
import { sessionCookieOptions } from "@/lib/auth/session";
import { signInThrottle } from "@/lib/auth/throttle";

/** The sign-in link `npm start` prints (`/auth?token=…`), as Jupyter's: exchanges the token, then drops it from the URL. */
export async function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  const next = nextPathSchema.parse(request.nextUrl.searchParams.get("next") ?? "/clusters");
  const expected = authConfig.accessToken();
  if (signInThrottle.retryAfterSeconds() > 0 || !expected || !tokenMatches(token, expected)) {
    if (token) signInThrottle.fail();
    return NextResponse.redirect(new URL(`/login?next=${encodeURIComponent(next)}`, request.url));
  }
  const response = NextResponse.redirect(new URL(next, request.url));
  response.cookies.set(SESSION_COOKIE, createSessionCookieValue("token-user", authConfig.sessionSecret()), sessionCookieOptions());
  return response;
}
