// ACS3-HMAC-SHA256 verification (server side), as specified in
// ../shared/docs/alicloud-openapi.md §2. Pure functions: no I/O, no state.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const ACS3 = "ACS3-HMAC-SHA256";
/** Headers every signed request must cover. */
export const REQUIRED_SIGNED_HEADERS = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"];

const AUTH_RE = /^(ACS3-HMAC-SHA256) Credential=([^,]+),SignedHeaders=([^,]*),Signature=([0-9a-f]+)$/;

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** RFC 3986 encoding used for canonical query values. */
export function acsEncode(s: string): string {
  return encodeURIComponent(s).replace(/!/g, "%21").replace(/'/g, "%27").replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/\*/g, "%2A");
}

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/** Parses a raw query string into decoded key/value pairs (last duplicate wins). */
export function parseQuery(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const part of raw.split("&")) {
    if (!part) continue;
    const i = part.indexOf("=");
    const k = decodeComponent(i < 0 ? part : part.slice(0, i));
    out[k] = i < 0 ? "" : decodeComponent(part.slice(i + 1));
  }
  return out;
}

export function canonicalUri(path: string): string {
  return (path || "/").replace(/\+/g, "%20").replace(/\*/g, "%2A").replace(/%7E/g, "~");
}

export function canonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${k}=${acsEncode(query[k])}`)
    .join("&");
}

export interface SignedRequest {
  method: string;
  path: string; // raw path, without query
  query: Record<string, string>; // decoded
  headers: Record<string, string | string[] | undefined>; // lower-case names
  body: Buffer;
}

export interface ParsedAuthorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(value: string | undefined): ParsedAuthorization | null {
  const m = AUTH_RE.exec(value ?? "");
  if (!m) return null;
  return { algorithm: m[1], accessKeyId: m[2], signedHeaders: m[3] ? m[3].split(";") : [], signature: m[4] };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v)
    ? [...v]
        .map((x) => x.trim())
        .sort()
        .join(",")
    : v.trim();
}

export function stringToSign(req: SignedRequest, signedHeaders: string[]): string {
  const ch = signedHeaders.map((n) => `${n}:${headerValue(req.headers[n]) ?? ""}\n`).join("");
  const payload = headerValue(req.headers["x-acs-content-sha256"]) ?? "";
  const cr = [req.method, canonicalUri(req.path), canonicalQuery(req.query), ch, signedHeaders.join(";"), payload].join("\n");
  return `${ACS3}\n${sha256Hex(Buffer.from(cr, "utf8"))}`;
}

export function sign(secret: string, sts: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(sts, "utf8").digest("hex");
}

export type VerifyFailure =
  | { ok: false; reason: "malformed"; detail: string }
  | { ok: false; reason: "payload"; detail: string }
  | { ok: false; reason: "mismatch"; stringToSign: string };

/**
 * Verifies the signature of a request whose Authorization header was already parsed and whose
 * AccessKey secret is known. Key lookup, nonce and date checks are the caller's job.
 */
export function verifyAcs3(req: SignedRequest, auth: ParsedAuthorization, secret: string): { ok: true } | VerifyFailure {
  const names = auth.signedHeaders;
  const sorted = [...names].sort();
  if (names.some((n, i) => n !== sorted[i] || n !== n.toLowerCase())) return { ok: false, reason: "malformed", detail: "SignedHeaders must be lower-case and sorted" };
  for (const r of REQUIRED_SIGNED_HEADERS) if (!names.includes(r)) return { ok: false, reason: "malformed", detail: `header ${r} must be signed` };
  for (const n of names) if (req.headers[n] === undefined) return { ok: false, reason: "malformed", detail: `signed header ${n} is missing` };
  for (const n of Object.keys(req.headers)) {
    if ((n.startsWith("x-acs-") || n === "content-type") && !names.includes(n)) return { ok: false, reason: "malformed", detail: `header ${n} must be signed` };
  }
  if (headerValue(req.headers["x-acs-content-sha256"]) !== sha256Hex(req.body)) return { ok: false, reason: "payload", detail: "x-acs-content-sha256 does not match the body" };
  const sts = stringToSign(req, names);
  const expected = Buffer.from(sign(secret, sts), "utf8");
  const given = Buffer.from(auth.signature, "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "mismatch", stringToSign: sts };
  return { ok: true };
}
