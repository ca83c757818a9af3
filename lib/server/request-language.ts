import { LOCALE_COOKIE, type Locale, requestLocale } from "@/lib/i18n/locales";

/**
 * The language of a route handler's request, read from the Request itself (the language cookie, else
 * Accept-Language): the same choice as lib/i18n/request-locale.ts, without Next's request scope, so a handler
 * called directly (tests, another handler) answers in the caller's language too.
 */
export function languageOf(request: Request): Locale {
  const cookie = (request.headers.get("cookie") ?? "")
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return requestLocale(cookie && decodeURIComponent(cookie), request.headers.get("accept-language"));
}
