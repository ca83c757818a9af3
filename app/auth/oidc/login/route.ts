import type { NextRequest } from "next/server";
import { OidcRefusal, beginSignIn, oidcDiscovery } from "@/lib/auth/oidc-client";
import { oidcConfig } from "@/lib/auth/oidc-config";
import { OIDC_TX_COOKIE, OIDC_TX_SECONDS, sealTransaction } from "@/lib/auth/oidc-transaction";
import { refusalPage } from "@/lib/auth/responses";
import { nextPathSchema } from "@/lib/auth/schema";
import { cookieOptionsFor, originOf } from "@/lib/auth/session";
import { consoleState } from "@/lib/server/state";
import { withLocale } from "@/lib/i18n/locale-context";
import type { Locale } from "@/lib/i18n/locales";
import { languageOf } from "@/lib/server/request-language";
import { translatorFor } from "@/lib/i18n/translator";

export const dynamic = "force-dynamic";

/** Starts an OpenID Connect sign-in: a fresh state, nonce and PKCE verifier, then off to the identity provider. */
export async function GET(request: NextRequest) {
  // The refusals below are worded in the person's language (the OIDC client's with currentTranslator).
  const locale = languageOf(request);
  return withLocale(locale, () => startSignIn(request, locale));
}

async function startSignIn(request: NextRequest, locale: Locale) {
  const t = translatorFor(locale);
  if (!oidcConfig.enabled()) return refusalPage(404, t("server.auth.noProvider.title"), t("server.auth.noProvider.message"), locale);
  const next = nextPathSchema.parse(request.nextUrl.searchParams.get("next") ?? "/clusters");
  try {
    const { url, tx } = await beginSignIn(await oidcDiscovery(), `${originOf(request.headers)}/auth/oidc/callback`, next);
    const response = new Response(null, { status: 303, headers: { Location: url.href, "Cache-Control": "no-store" } });
    // Lax, not Strict: the provider's redirect back is a navigation from another site, which must carry this cookie.
    const options = { ...cookieOptionsFor(request.headers), sameSite: "lax" as const, path: "/auth/oidc", maxAge: OIDC_TX_SECONDS };
    response.headers.append("Set-Cookie", serializeCookie(OIDC_TX_COOKIE, sealTransaction(tx, await consoleState().sessionKeys.signing()), options));
    return response;
  } catch (error) {
    return refusalPage(502, t("server.auth.unavailable"), error instanceof OidcRefusal ? error.message : t("server.auth.unreachable"), locale);
  }
}

function serializeCookie(name: string, value: string, o: { httpOnly: boolean; secure: boolean; sameSite: string; path: string; maxAge: number }) {
  return `${name}=${value}; Path=${o.path}; Max-Age=${o.maxAge}; SameSite=${o.sameSite[0].toUpperCase()}${o.sameSite.slice(1)}${o.httpOnly ? "; HttpOnly" : ""}${o.secure ? "; Secure" : ""}`;
}
