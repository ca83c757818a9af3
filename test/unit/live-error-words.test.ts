import { describe, expect, it } from "vitest";
import { streamErrorWords } from "@/lib/live/stream-error-words";
import { translatorFor } from "@/lib/i18n/translator";

/** undici's shape: TypeError("fetch failed") with the socket error as its cause. */
const fetchFailed = (code: string, message = code) => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(message), { code }) });

describe("streamErrorWords: a watch failure in plain words", () => {
  it("says refused, not 'fetch failed'", () => {
    const words = streamErrorWords(fetchFailed("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:6443"));
    expect(words).toMatch(/^refused/);
    expect(words).not.toContain("fetch failed");
  });

  it("says how long it waited when nothing answered", () => {
    expect(streamErrorWords(fetchFailed("UND_ERR_CONNECT_TIMEOUT"), { timeoutSeconds: 30 })).toBe("no answer within 30 s");
    expect(streamErrorWords(new DOMException("The operation was aborted due to timeout", "TimeoutError"), { timeoutSeconds: 90 })).toBe("no answer within 90 s");
    expect(streamErrorWords(Object.assign(new Error("aborted"), { name: "AbortError" }), { timeoutSeconds: 5 })).toBe("no answer within 5 s");
  });

  it("names TLS trouble", () => {
    expect(streamErrorWords(fetchFailed("DEPTH_ZERO_SELF_SIGNED_CERT"))).toMatch(/^TLS: .*not trusted/);
    expect(streamErrorWords(fetchFailed("CERT_HAS_EXPIRED"))).toMatch(/^TLS: .*expired/);
    expect(streamErrorWords(fetchFailed("ERR_TLS_CERT_ALTNAME_INVALID"))).toMatch(/^TLS: .*does not name/);
    expect(streamErrorWords(fetchFailed("ERR_SSL_WRONG_VERSION_NUMBER"))).toMatch(/^TLS: /);
  });

  it("says which credential a 401 or 403 was about", () => {
    const unauthorized = Object.assign(new Error("Unauthorized"), { statusCode: 401 }); // client-node's Watch
    expect(streamErrorWords(unauthorized, { credential: "alice" })).toBe(
      '401: the apiserver did not accept the credential "alice" (expired or revoked); refresh it in the kubeconfig',
    );
    const forbidden = Object.assign(new Error('pods is forbidden: User "bob" cannot watch resource "pods"'), { code: 403, reason: "Forbidden" }); // KubeStatusError
    const words = streamErrorWords(forbidden, { credential: "bob", action: "watch pods" });
    expect(words).toMatch(/^403: the credential "bob" may not watch pods; grant it RBAC permission/);
    expect(words).toContain('cannot watch resource "pods"');
  });

  it("keeps the apiserver's own sentence for a bad request, on one line", () => {
    const bad = Object.assign(new Error('unable to parse requirement: invalid label key "!!"\nmore'), { code: 400, reason: "BadRequest" });
    expect(streamErrorWords(bad)).toBe('400: the apiserver refused the request as invalid: unable to parse requirement: invalid label key "!!"');
  });

  it("falls back to plain words for an unknown network failure, and to the message otherwise", () => {
    expect(streamErrorWords(new TypeError("fetch failed"))).toBe("the connection to the apiserver failed");
    expect(streamErrorWords(fetchFailed("ECONNRESET"))).toBe("the apiserver closed the connection");
    expect(streamErrorWords(fetchFailed("ENOTFOUND"))).toMatch(/does not resolve/);
    expect(streamErrorWords(new Error("the kubeconfig has no current cluster"))).toBe("the kubeconfig has no current cluster");
  });
});

describe("streamErrorWords in Simplified Chinese", () => {
  it("words the failure for the reader; status codes, credential names and RBAC verbs stay as they are", () => {
    const zh = translatorFor("zh-CN");
    expect(streamErrorWords(fetchFailed("ECONNREFUSED"), {}, zh)).toBe("连接被拒绝：apiserver 的地址上没有服务接受连接（它在运行吗？）");
    expect(streamErrorWords(Object.assign(new Error("Forbidden"), { statusCode: 403 }), { credential: "ops", action: "watch pods" }, zh)).toBe(
      "403：凭证“ops”无权执行 watch pods；请为其授予 RBAC 权限",
    );
    expect(streamErrorWords(fetchFailed("ETIMEDOUT"), { timeoutSeconds: 30 }, zh)).toBe("30 秒内无响应");
  });
});
