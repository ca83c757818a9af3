// next-intl's per-request configuration. No locale in the URL: links, bookmarks and the sign-in link stay the same
// in every language.
import { getRequestConfig } from "next-intl/server";
import { MESSAGES } from "./messages";
import { localeOfRequest } from "./request-locale";

export default getRequestConfig(async () => {
  const locale = await localeOfRequest();
  return { locale, messages: MESSAGES[locale], timeZone: process.env.TZ || "UTC" };
});
