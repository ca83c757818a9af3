import type { Locale } from "./locales";
import type { Messages } from "./messages";

// Message keys and locales are checked by tsc wherever useTranslations/getTranslations/createTranslator is used.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
