import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, type Locale, requestLocale } from "./locales";

/** The language of the request being served: the user's cookie, else the browser's Accept-Language. */
export async function localeOfRequest(): Promise<Locale> {
  return requestLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
}
