/**
 * A watch or list failure as plain words for the stream's status frame and the health badge: "refused", "no answer
 * within 30 s", "TLS: …", "401: … credential "x" …" — never raw library text such as "fetch failed". Pure (no I/O), so
 * the browser may import it too.
 */
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

const TLS_WORDS: Record<string, string> = {
  CERT_HAS_EXPIRED: "TLS: the apiserver's certificate has expired",
  CERT_NOT_YET_VALID: "TLS: the apiserver's certificate is not valid yet (check the clock)",
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS: the apiserver's certificate is not trusted (self-signed, not the kubeconfig's certificate authority)",
  SELF_SIGNED_CERT_IN_CHAIN: "TLS: the apiserver's certificate is not trusted (not signed by the kubeconfig's certificate authority)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS: the apiserver's certificate is not trusted (not signed by the kubeconfig's certificate authority)",
  UNABLE_TO_GET_ISSUER_CERT: "TLS: the apiserver's certificate is not trusted (not signed by the kubeconfig's certificate authority)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "TLS: the apiserver's certificate is not trusted (not signed by the kubeconfig's certificate authority)",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS: the apiserver's certificate does not name the address in the kubeconfig",
};

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "refused: nothing accepts connections at the apiserver's address (is it running?)",
  ECONNRESET: "the apiserver closed the connection",
  UND_ERR_SOCKET: "the apiserver closed the connection",
  EPIPE: "the apiserver closed the connection",
  ENOTFOUND: "the apiserver's host name does not resolve",
  EAI_AGAIN: "the apiserver's host name does not resolve (DNS did not answer)",
  EHOSTUNREACH: "no route to the apiserver's host",
  ENETUNREACH: "no route to the apiserver's network",
};

const TIMEOUT_CODES = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

const firstLine = (text: string) => text.split("\n")[0].trim().slice(0, 300);

export function streamErrorWords(error: unknown, context: ErrorWordsContext = {}): string {
  const causes = chain(error);
  const who = context.credential ? `the credential "${context.credential}"` : "the console's credential";
  const within = context.timeoutSeconds ? ` within ${context.timeoutSeconds} s` : "";

  // An HTTP answer from the apiserver: KubeStatusError (code + reason), client-node's Watch (statusCode), fetch (status).
  for (const c of causes) {
    const status = [c.statusCode, c.code, c.status].find((v): v is number => typeof v === "number" && v >= 100 && v < 600);
    if (status === undefined) continue;
    const detail = typeof c.message === "string" && c.message && !/^(HTTP \d+|Unauthorized|Forbidden|Bad Request)$/i.test(c.message) ? `: ${firstLine(c.message)}` : "";
    if (status === 401) return `401: the apiserver did not accept ${who} (expired or revoked); refresh it in the kubeconfig`;
    if (status === 403) return `403: ${who} may not ${context.action ?? "do this"}; grant it RBAC permission${detail}`;
    if (status === 400) return `400: the apiserver refused the request as invalid${detail}`;
    if (status === 404) return `404: the apiserver does not serve this resource${detail}`;
    if (status === 429) return "429: the apiserver is overloaded and asked to retry later";
    if (status >= 500) return `${status}: the apiserver failed to answer${detail}`;
    return `${status}${typeof c.reason === "string" && c.reason ? ` ${c.reason}` : ""}${detail}`;
  }

  for (const c of causes) {
    const code = typeof c.code === "string" ? c.code : undefined;
    if (code && TLS_WORDS[code]) return TLS_WORDS[code];
    if (code && (code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_") || code === "EPROTO")) return "TLS: the handshake with the apiserver failed";
    if (code && TIMEOUT_CODES.has(code)) return `no answer${within}`;
    if (code && NETWORK_WORDS[code]) return NETWORK_WORDS[code];
    if (c.name === "TimeoutError") return `no answer${within}`;
  }
  for (const c of causes) if (c.name === "AbortError") return `no answer${within}`;

  const message = causes.map((c) => (typeof c.message === "string" ? c.message : "")).find((m) => m && !/^(fetch failed|terminated|other side closed)$/i.test(m));
  if (message) return firstLine(message);
  if (causes.some((c) => c.message === "terminated" || c.message === "other side closed")) return "the apiserver closed the connection";
  return causes.length > 0 || error ? "the connection to the apiserver failed" : "unknown error";
}
