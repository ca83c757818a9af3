import "server-only";
// The language of the request (or CLI run) being served, for server code far from React: the error module's
// words, refusals, audit-free messages. Pages, actions and routes enter it through lib/server/guard.ts; the CLI
// through its main. Outside any of them, English.
import { AsyncLocalStorage } from "node:async_hooks";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { type Translator, translatorFor } from "./translator";

const storage = new AsyncLocalStorage<Locale>();
let processLocale: Locale = DEFAULT_LOCALE;

/** Runs fn with `locale` as the current language (one request, one action). */
export function withLocale<T>(locale: Locale, fn: () => T): T {
  return storage.run(locale, fn);
}

/** The CLI's language for the whole process (from LANG/LC_ALL). */
export function setProcessLocale(locale: Locale): void {
  processLocale = locale;
}

export function currentLocale(): Locale {
  return storage.getStore() ?? processLocale;
}

/** A translator in the current language. */
export function currentTranslator(): Translator {
  return translatorFor(currentLocale());
}
