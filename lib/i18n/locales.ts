// The console's languages and how one is chosen. Plain TypeScript: the server, the browser and the CLI share it.

export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The user's explicit choice (the header's switcher); it wins over the browser's Accept-Language. */
export const LOCALE_COOKIE = "vnode-locale";

/** Each language's own name, shown in the switcher whatever the current language is. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** One language tag (en-US, zh-Hans-CN, zh_CN.UTF-8, …) to a supported locale, or undefined. */
export function matchLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const lang = tag.trim().toLowerCase().replace(/_/g, "-").split(/[.@]/)[0] ?? "";
  // Every Chinese variant gets Simplified Chinese: closer for a zh-TW reader than English.
  if (lang === "zh" || lang.startsWith("zh-")) return "zh-CN";
  if (lang === "en" || lang.startsWith("en-")) return "en";
  return undefined;
}

/** The best supported locale for an Accept-Language header, by its q-values; English when none matches. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** The request's locale: the cookie if it names a supported one, else the browser's languages. */
export function requestLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(cookie) ? cookie : localeFromAcceptLanguage(acceptLanguage);
}

/** The CLI's locale, as POSIX tools choose it: LC_ALL, then LC_MESSAGES, then LANG ("C"/"POSIX" mean English). */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"]) {
    const value = env[name];
    if (!value) continue;
    return matchLocale(value) ?? DEFAULT_LOCALE;
  }
  return DEFAULT_LOCALE;
}
