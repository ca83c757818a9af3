import { describe, expect, it } from "vitest";
import { languageOf } from "@/lib/server/request-language";

const request = (headers: Record<string, string>) => new Request("http://127.0.0.1/api/stream", { headers });

describe("a route handler's language, from the request itself", () => {
  it("takes the language cookie first, then Accept-Language, else English", () => {
    expect(languageOf(request({ cookie: "a=1; vnode-locale=zh-CN; b=2", "accept-language": "en-US" }))).toBe("zh-CN");
    expect(languageOf(request({ "accept-language": "zh-Hans-CN,zh;q=0.9,en;q=0.5" }))).toBe("zh-CN");
    expect(languageOf(request({ cookie: "vnode-locale=xx", "accept-language": "de" }))).toBe("en");
    expect(languageOf(request({}))).toBe("en");
  });
});
