// A translator outside React (server modules, the error module, the CLI): the same ICU messages and formats as
// the pages, from the same catalogues.
// use-intl/core (what next-intl re-exports): no React, so the CLI can load it under the react-server condition.
import { createTranslator } from "use-intl/core";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { MESSAGES } from "./messages";

export function translatorFor(locale: Locale = DEFAULT_LOCALE) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}

export type Translator = ReturnType<typeof translatorFor>;
