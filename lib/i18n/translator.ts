// A translator outside React (server modules, the error module, the CLI): the same ICU messages and formats as
// the pages, from the same catalogues.
import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { MESSAGES } from "./messages";

export function translatorFor(locale: Locale = DEFAULT_LOCALE) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}

export type Translator = ReturnType<typeof translatorFor>;
