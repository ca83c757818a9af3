import { describe, expect, it } from "vitest";
import { assertNoAccessKeySecret, findAccessKeySecrets, maskAccessKeyId, redactAccessKeySecrets } from "@/lib/addon/mask";

const ID = "LTAI5tFAKEFAKEFAKEFAKE01";
const SECRET = "FakeSecretFakeSecretFakeSecret01";

describe("AccessKey masking", () => {
  it("shows the first and last four characters of an AccessKey ID", () => {
    expect(maskAccessKeyId(ID)).toBe("LTAI****KE01");
    expect(maskAccessKeyId("LTAIabcd")).toBe("****");
    expect(maskAccessKeyId("")).toBe("");
    expect(maskAccessKeyId(undefined)).toBe("");
  });

  it("passes text without secrets, including masked or empty secret fields", () => {
    expect(() => assertNoAccessKeySecret(`created AccessKey ${maskAccessKeyId(ID)} for ack-one-user-ce313528c3`, [SECRET])).not.toThrow();
    expect(() => assertNoAccessKeySecret('{"accessKeySecret":"****","access-key-id":"LTAI****KE01"}')).not.toThrow();
  });

  it("finds a known secret in plain text and in base64 (as Secret data), without repeating it", () => {
    expect(() => assertNoAccessKeySecret(`debug: ${SECRET}`, [SECRET])).toThrow("contains a known AccessKey secret at offset 7");
    const secretManifest = `data:\n  access-key-id: ${btoa(ID)}\n  access-key-secret: ${btoa(SECRET)}\n`;
    const leaks = findAccessKeySecrets(secretManifest, [SECRET]);
    expect(leaks.map((l) => l.reason)).toEqual(['has a value for "access-key-secret"', "contains a known AccessKey secret in base64"]);
    const thrown = (() => {
      try {
        assertNoAccessKeySecret(secretManifest, [SECRET]);
      } catch (e) {
        return (e as Error).message;
      }
      return "did not throw";
    })();
    expect(thrown).toMatch(/^Text leaks an AccessKey secret: /);
    expect(thrown).not.toContain(SECRET);
    expect(thrown).not.toContain(btoa(SECRET));
  });

  it("finds unknown secrets next to secret field names (RAM response, SDK config, env var)", () => {
    expect(findAccessKeySecrets('{"AccessKey":{"AccessKeyId":"LTAIx","AccessKeySecret":"abcDEF123ghiJKL456mnoPQR789stu"}}')).toHaveLength(1);
    expect(findAccessKeySecrets("accessKeySecret: 'abc123'")).toHaveLength(1);
    expect(findAccessKeySecrets("ECI_SECRET_KEY=abc123")).toHaveLength(1);
  });

  it("redacts secrets for logs", () => {
    const line = `{"AccessKeySecret":"${SECRET}","note":"${btoa(SECRET)}"}`;
    const redacted = redactAccessKeySecrets(line, [SECRET]);
    expect(redacted).toBe('{"AccessKeySecret":"<redacted>","note":"<redacted>"}');
    expect(() => assertNoAccessKeySecret(redacted, [SECRET])).not.toThrow();
    expect(redactAccessKeySecrets("access-key-secret=plain123")).toBe("access-key-secret=<redacted>");
  });
});
