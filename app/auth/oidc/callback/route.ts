import type { NextRequest } from "next/server";
import { OidcRefusal, completeSignIn, oidcDiscovery } from "@/lib/auth/oidc-client";
import { oidcConfig } from "@/lib/auth/oidc-config";
import { OIDC_TX_COOKIE, openTransaction } from "@/lib/auth/oidc-transaction";
import { oidcSessionCookie } from "@/lib/auth/oidc-session";
import { refusalPage } from "@/lib/auth/responses";
import { cookieOptionsFor, originOf } from "@/lib/auth/session";
import { consoleState } from "@/lib/server/state";

const sessionKeys = () => consoleState().sessionKeys;
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { withLocale } from "@/lib/i18n/locale-context";
import type { Locale } from "@/lib/i18n/locales";
import { languageOf } from "@/lib/server/request-language";
import { translatorFor } from "@/lib/i18n/translator";

export const dynamic = "force-dynamic";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const clearTx = `${OIDC_TX_COOKIE}=; Path=/auth/oidc; Max-Age=0; SameSite=Lax; HttpOnly`;

/**
 * The identity provider's answer. The transaction cookie is deleted whatever happens: a replayed answer finds none.
 * On success the browser is sent on by a page of ours (not a redirect), so the navigation to the console starts on
 * this site and the SameSite=Strict session cookie goes with it.
 */
export async function GET(request: NextRequest) {
  // The refusals below are worded in the person's language (the OIDC client's with currentTranslator).
  const locale = languageOf(request);
  return withLocale(locale, () => finishSignIn(request, locale));
}

async function finishSignIn(request: NextRequest, locale: Locale) {
  const t = translatorFor(locale);
  if (!oidcConfig.enabled()) return refusalPage(404, t("server.auth.noProvider.title"), t("server.auth.noProvider.message"), locale);
  const tx = openTransaction(request.cookies.get(OIDC_TX_COOKIE)?.value, await sessionKeys().verifying());
  // The URL the provider redirected to, on the origin it was given (Next.js names 127.0.0.1 as localhost in request.url).
  const currentUrl = new URL(`${originOf(request.headers)}/auth/oidc/callback${request.nextUrl.search}`);
  try {
    const signedIn = await completeSignIn(await oidcDiscovery(), currentUrl, tx);
    const cookie = await oidcSessionCookie(signedIn);
    const next = tx?.next ?? "/clusters";
    const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escapeHtml(next)}"><title>${escapeHtml(t("server.auth.signedIn.title"))}</title></head><body><p>${escapeHtml(t("server.auth.signedIn.as", { name: signedIn.oidc.name }))} <a href="${escapeHtml(next)}">${escapeHtml(t("server.auth.signedIn.continue"))}</a></p></body></html>`;
    const response = new Response(body, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
    const o = { ...cookieOptionsFor(request.headers), maxAge: cookie.maxAge };
    response.headers.append("Set-Cookie", `${SESSION_COOKIE}=${cookie.value}; Path=/; Max-Age=${o.maxAge}; SameSite=Strict; HttpOnly${o.secure ? "; Secure" : ""}`);
    response.headers.append("Set-Cookie", clearTx);
    return response;
  } catch (error) {
    const message = error instanceof OidcRefusal ? error.message : t("server.auth.notCompleted");
    const response = refusalPage(401, t("server.auth.refused"), message, locale);
    response.headers.append("Set-Cookie", clearTx);
    return response;
  }
}
