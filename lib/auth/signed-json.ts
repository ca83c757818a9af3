import { createHmac, timingSafeEqual } from "node:crypto";

// A JSON value and its HMAC as `payload.signature` (base64url): the session cookie and the OIDC sign-in transaction.
// `purpose` keys the HMAC apart, so a value sealed for one use never opens as the other.

const mac = (payload: string, secret: string, purpose: string) =>
  createHmac("sha256", purpose ? `${purpose}:${secret}` : secret)
    .update(payload)
    .digest();

export function sealJson(value: object, secret: string, purpose = ""): string {
  const payload = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${payload}.${mac(payload, secret, purpose).toString("base64url")}`;
}

/** The value if one of `secrets` (a key ring: any key still valid) signed it, else null. Expiry is the caller's. */
export function openJson<T>(sealed: string | undefined, secrets: string | readonly string[], purpose = ""): T | null {
  const [payload, signature, extra] = (sealed ?? "").split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, "base64url");
  const signedBy = (secret: string) => {
    const expected = mac(payload, secret, purpose);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!(typeof secrets === "string" ? [secrets] : secrets).some(signedBy)) return null;
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as T;
  } catch {
    return null;
  }
}
