// The CLI's words, in the language main.ts chose from LANG/LC_ALL/LC_MESSAGES (English until then, as in unit tests).
import { currentLocale } from "@/lib/i18n/locale-context";
import type { Locale } from "@/lib/i18n/locales";
import { type Translator, translatorFor } from "@/lib/i18n/translator";

const translators = new Map<Locale, Translator>();

function translator(): Translator {
  const locale = currentLocale();
  let found = translators.get(locale);
  if (!found) {
    found = translatorFor(locale);
    translators.set(locale, found);
  }
  return found;
}

/** t("cli.…", values) in the process's language; keys are checked by tsc like everywhere else. */
export const t = ((...args: Parameters<Translator>) => translator()(...args)) as Translator;

/** "error: …" / "错误：…" */
export const errorLine = (message: string) => `${t("cli.error", { message })}\n`;
/** "warning: …" / "警告：…" */
export const warningLine = (message: string) => t("cli.warning", { message });

/** The "Examples:" block of a command's help: the commands themselves are never translated. */
export const examples = (...commands: string[]) => `\n${t("cli.examples")}\n${commands.map((c) => `  ${c}`).join("\n")}`;

/** Answers that confirm a [y/N] prompt, in either language. */
export const isYes = (answer: string) => /^(y(es)?|是)$/i.test(answer.trim());
