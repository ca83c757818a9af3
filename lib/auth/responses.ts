import { NextResponse } from "next/server";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";

/**
 * Redirects with a relative Location: the browser resolves it against the host it used. Next.js names 127.0.0.1 as
 * `localhost` in request.url, so an absolute URL built from it sends the browser to another host (without its cookie).
 */
export function redirectTo(path: string, status: 303 | 307 = 303): NextResponse {
  // i18n-ignore: a programming error (callers pass fixed paths), for the server log
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`not a path on this console: ${path}`);
  return new NextResponse(null, { status, headers: { Location: path, "Cache-Control": "no-store" } });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page for refusals a person sees (no scripts, no styles: the CSP needs no nonce for it). */
export function refusalPage(status: number, title: string, message: string, locale: Locale = DEFAULT_LOCALE): Response {
  const signIn = translatorFor(locale)("server.auth.goToSignIn");
  const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/login">${escapeHtml(signIn)}</a></p></body></html>`;
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
