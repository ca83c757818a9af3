// The add-on's AccessKey secret is write-only for the console: it goes into alibaba-addon-secret and
// never back to the browser or into logs. These helpers make that checkable.

/** "LTAI5tFAKEFAKEFAKEFAKE01" -> "LTAI****KE01". Short or empty ids reveal nothing. */
export function maskAccessKeyId(accessKeyId: string | undefined): string {
  if (!accessKeyId) return "";
  const id = accessKeyId.trim();
  if (id.length <= 8) return "****";
  return `${id.slice(0, 4)}****${id.slice(-4)}`;
}

// Field names under which an AccessKey secret travels: RAM API responses, the Secret's data key,
// the controller's env var and the SDK config.
const SECRET_FIELD = /(access[-_]?key[-_]?secret|secret[-_]?access[-_]?key|ECI_SECRET_KEY)["']?\s*[:=]\s*["']?([^"'\s,}&]+)/gi;

// btoa + TextEncoder work in both Node and the browser (Buffer does not exist in the browser).
const toBase64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

export interface SecretLeak {
  /** What was found, never the secret itself. */
  reason: string;
  offset: number;
}

/**
 * Finds AccessKey secrets in `text`: any of `knownSecrets` (as is or base64, the form Kubernetes stores
 * Secret data in), and any non-empty, unmasked value next to a secret field name.
 */
export function findAccessKeySecrets(text: string, knownSecrets: readonly string[] = []): SecretLeak[] {
  const leaks: SecretLeak[] = [];
  for (const secret of knownSecrets) {
    if (!secret) continue;
    const plain = text.indexOf(secret);
    // i18n-ignore: a leak finding for tests and checks, never shown to a person
    if (plain >= 0) leaks.push({ reason: "contains a known AccessKey secret", offset: plain });
    const encoded = text.indexOf(toBase64(secret));
    // i18n-ignore: a leak finding for tests and checks, never shown to a person
    if (encoded >= 0) leaks.push({ reason: "contains a known AccessKey secret in base64", offset: encoded });
  }
  for (const m of text.matchAll(SECRET_FIELD)) {
    const value = m[2];
    if (/^\*+$/.test(value) || value === "undefined" || value === "null" || value === "<redacted>") continue;
    leaks.push({ reason: `has a value for "${m[1]}"`, offset: m.index ?? 0 }); // i18n-ignore: a leak finding for tests and checks
  }
  return leaks.sort((a, b) => a.offset - b.offset);
}

/** Throws when `text` holds an AccessKey secret. The error message never repeats the secret. */
export function assertNoAccessKeySecret(text: string, knownSecrets: readonly string[] = []): void {
  const leaks = findAccessKeySecrets(text, knownSecrets);
  // i18n-ignore: a developer's assertion (tests), never shown to a person
  if (leaks.length > 0) throw new Error(`Text leaks an AccessKey secret: ${leaks.map((l) => `${l.reason} at offset ${l.offset}`).join("; ")}`);
}

/** Replaces known secrets (plain and base64) and values of secret fields with "<redacted>", for logs. */
export function redactAccessKeySecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (!secret) continue;
    out = out.split(secret).join("<redacted>").split(toBase64(secret)).join("<redacted>");
  }
  return out.replace(SECRET_FIELD, (whole, _name: string, value: string) => `${whole.slice(0, whole.length - value.length)}<redacted>`);
}
