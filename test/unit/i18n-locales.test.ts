import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, localeFromEnv, matchLocale, requestLocale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { issueText } from "@/lib/i18n/zod";
import { signInSchema } from "@/lib/auth/schema";

describe("choosing the language", () => {
  it("follows Accept-Language by q-value, any Chinese variant giving zh-CN, English otherwise", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR;q=1, zh-TW;q=0.5, en;q=0.4")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("de, en;q=0.9, zh;q=0.95")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh;q=0, en;q=0.1")).toBe("en");
    expect(localeFromAcceptLanguage("fr, de")).toBe("en");
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
    expect(matchLocale("zh-Hans-CN")).toBe("zh-CN");
  });

  it("lets the user's cookie win over the browser, ignoring a cookie that names no supported language", () => {
    expect(requestLocale("en", "zh-CN")).toBe("en");
    expect(requestLocale("zh-CN", "en-US")).toBe("zh-CN");
    expect(requestLocale("klingon", "zh-CN")).toBe("zh-CN");
  });

  it("reads LC_ALL, then LC_MESSAGES, then LANG for the CLI; C and POSIX mean English", () => {
    expect(localeFromEnv({ LANG: "zh_CN.UTF-8" })).toBe("zh-CN");
    expect(localeFromEnv({ LC_ALL: "C", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(localeFromEnv({ LC_MESSAGES: "zh_CN.UTF-8", LANG: "en_US.UTF-8" })).toBe("zh-CN");
    expect(localeFromEnv({ LC_ALL: "en_GB.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(localeFromEnv({ LANG: "POSIX" })).toBe("en");
    expect(localeFromEnv({})).toBe("en");
  });
});

describe("zod messages", () => {
  it("are catalogue keys worded in the reader's language", () => {
    const result = signInSchema.safeParse({ token: "  ", next: "/clusters" });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    if (!issue) throw new Error("expected an issue");
    expect(issueText(issue, translatorFor("en"))).toBe("Enter the access token printed by `npm start`.");
    expect(issueText(issue, translatorFor("zh-CN"))).toBe("请输入 `npm start` 输出的访问令牌。");
    expect(issueText({ message: "as written" }, translatorFor("zh-CN"))).toBe("as written");
  });
});
