/**
 * A watch or list failure as plain words for the stream's status frame and the health badge: "refused", "no answer
 * within 30 s", "TLS: …", "401: … credential "x" …" — never raw library text such as "fetch failed". Pure (no I/O), so
 * the browser may import it too.
 */
import { translatorFor, type Translator } from "@/lib/i18n/translator";

export interface ErrorWordsContext {
  /** The kubeconfig user whose credential the request used. */
  credential?: string;
  /** The time the request was given before it was called unanswered, in seconds. */
  timeoutSeconds?: number;
  /** What was asked, for 403: "watch pods". */
  action?: string;
}

interface Cause {
  code?: unknown;
  statusCode?: unknown;
  status?: unknown;
  reason?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The error and its causes (undici wraps the socket error as `cause` of "fetch failed"), outermost first. */
function chain(error: unknown): Cause[] {
  const out: Cause[] = [];
  let e = error;
  while (e && typeof e === "object" && out.length < 8) {
    out.push(e as Cause);
    const next = (e as Cause).cause;
    if (next === e) break;
    e = next;
  }
  return out;
}

// Catalogue keys under "live.streamError".
const TLS_WORDS: Record<string, string> = {
  CERT_HAS_EXPIRED: "tlsExpired",
  CERT_NOT_YET_VALID: "tlsNotYetValid",
  DEPTH_ZERO_SELF_SIGNED_CERT: "tlsSelfSigned",
  SELF_SIGNED_CERT_IN_CHAIN: "tlsUntrusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "tlsUntrusted",
  UNABLE_TO_GET_ISSUER_CERT: "tlsUntrusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "tlsUntrusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "tlsAltName",
};

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "refused",
  ECONNRESET: "closed",
  UND_ERR_SOCKET: "closed",
  EPIPE: "closed",
  ENOTFOUND: "noHost",
  EAI_AGAIN: "noDns",
  EHOSTUNREACH: "noRouteHost",
  ENETUNREACH: "noRouteNetwork",
};

const TIMEOUT_CODES = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

const firstLine = (text: string) => text.split("\n")[0].trim().slice(0, 300);

const ENGLISH = translatorFor("en");

export function streamErrorWords(error: unknown, context: ErrorWordsContext = {}, t: Translator = ENGLISH): string {
  const causes = chain(error);
  const say = (key: string, values?: Record<string, string | number>) => t(`live.streamError.${key}` as never, values as never);
  const who = context.credential ? say("credentialNamed", { credential: context.credential }) : say("consoleCredential");
  const noAnswer = () => (context.timeoutSeconds ? say("noAnswerWithin", { seconds: context.timeoutSeconds }) : say("noAnswer"));

  // An HTTP answer from the apiserver: KubeStatusError (code + reason), client-node's Watch (statusCode), fetch (status).
  for (const c of causes) {
    const status = [c.statusCode, c.code, c.status].find((v): v is number => typeof v === "number" && v >= 100 && v < 600);
    if (status === undefined) continue;
    const detail = typeof c.message === "string" && c.message && !/^(HTTP \d+|Unauthorized|Forbidden|Bad Request)$/i.test(c.message) ? `: ${firstLine(c.message)}` : "";
    if (status === 401) return say("status401", { who });
    if (status === 403) return say("status403", { who, action: context.action ?? say("doThis"), detail });
    if (status === 400) return say("status400", { detail });
    if (status === 404) return say("status404", { detail });
    if (status === 429) return say("status429");
    if (status >= 500) return say("status5xx", { status, detail });
    return `${status}${typeof c.reason === "string" && c.reason ? ` ${c.reason}` : ""}${detail}`;
  }

  for (const c of causes) {
    const code = typeof c.code === "string" ? c.code : undefined;
    if (code && TLS_WORDS[code]) return say(TLS_WORDS[code]);
    if (code && (code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_") || code === "EPROTO")) return say("tlsHandshake");
    if (code && TIMEOUT_CODES.has(code)) return noAnswer();
    if (code && NETWORK_WORDS[code]) return say(NETWORK_WORDS[code]);
    if (c.name === "TimeoutError") return noAnswer();
  }
  for (const c of causes) if (c.name === "AbortError") return noAnswer();

  const message = causes.map((c) => (typeof c.message === "string" ? c.message : "")).find((m) => m && !/^(fetch failed|terminated|other side closed)$/i.test(m));
  if (message) return firstLine(message);
  if (causes.some((c) => c.message === "terminated" || c.message === "other side closed")) return say("closed");
  return causes.length > 0 || error ? say("connectionFailed") : say("unknown");
}
