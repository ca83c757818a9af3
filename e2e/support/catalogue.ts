// The console's own message catalogues, so that specs find headings, buttons and messages by what the user reads in
// either language (and follow the catalogue when a text changes).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { createTranslator } from "next-intl";
import { LOCALE_COOKIE, LOCALES, type Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

export { LOCALES, type Locale };

// Read from disk: Playwright's ESM loader refuses a JSON import without an import attribute.
const catalogue = (locale: Locale): Messages => JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../messages", `${locale}.json`), "utf8"));

/** The console's translator for a locale: `ui("zh-CN")("nav.signOut")` is what the page shows. */
export const ui = (locale: Locale = "en") => createTranslator({ locale, messages: catalogue(locale) });
export type UiText = ReturnType<typeof ui>;

/** The header switcher's choice, as if the person had made it: the `vnode-locale` cookie on the console's origin. */
export async function chooseLocale(context: BrowserContext, baseURL: string, locale: Locale) {
  await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL }]);
}
