import type { NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { clientAddress, isCrossSiteOrEmbedded } from "@/lib/auth/request-info";
import { redirectTo, refusalPage } from "@/lib/auth/responses";
import { nextPathSchema } from "@/lib/auth/schema";
import { SESSION_COOKIE, createSessionCookieValue, tokenMatches } from "@/lib/auth/session-cookie";
import { cookieOptionsFor, sessionSigningKey } from "@/lib/auth/session";
import { signInThrottle } from "@/lib/auth/throttle";
import { languageOf } from "@/lib/server/request-language";
import { translatorFor } from "@/lib/i18n/translator";

export const dynamic = "force-dynamic";

/**
 * The sign-in link `npm start` prints (`/auth?token=…`), as Jupyter's: exchanges the token, then drops it from the URL.
 * Only a navigation the user made counts: another site's link, image or fetch gets 403 and is not counted.
 */
export async function GET(request: NextRequest) {
  if (isCrossSiteOrEmbedded(request.headers)) {
    const locale = languageOf(request);
    const t = translatorFor(locale);
    return refusalPage(403, t("server.auth.linkRefused.title"), t("server.auth.linkRefused.message"), locale);
  }
  const token = request.nextUrl.searchParams.get("token") ?? "";
  const next = nextPathSchema.parse(request.nextUrl.searchParams.get("next") ?? "/clusters");
  const login = `/login?next=${encodeURIComponent(next)}`;
  const client = clientAddress(request.headers);
  if (signInThrottle.retryAfterSeconds(client) > 0) return redirectTo(login);
  const expected = authConfig.accessToken();
  if (!expected || !tokenMatches(token, expected)) {
    if (token && expected) signInThrottle.fail(client);
    return redirectTo(login);
  }
  const response = redirectTo(next);
  response.cookies.set(SESSION_COOKIE, createSessionCookieValue("token-user", await sessionSigningKey()), cookieOptionsFor(request.headers));
  return response;
}
