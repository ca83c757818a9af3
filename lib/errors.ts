// The one place where errors become words: Alibaba Cloud error codes (RAM, ACK/CS, VPC/ECS gateway), Kubernetes
// Status reasons, network failures and the console's own errors, each mapped once to what happened and what to do.
// Cloud codes are those of the OpenAPI gateway and RAM; ACK codes are the ones the CS API returns for clusters,
// add-ons and tasks (ErrorClusterNotFound, AddonNotFound, …). Plain TypeScript: safe on the server and in the browser.

export interface UserFacingError {
  /** The code or reason that was mapped ("NoPermission", "k8s:Conflict", "ECONNREFUSED", …). */
  code: string;
  title: string;
  whatToDo: string;
  /** Retrying the same call unchanged may succeed (throttling, timeouts, transient server errors). */
  retryable: boolean;
  source: "cloud" | "kubernetes" | "network" | "console" | "unknown";
  /** The original message, for a "details" disclosure; never contains credentials. */
  detail?: string;
}

export interface ErrorContext {
  /** The API action or Kubernetes verb that failed, e.g. "ram:CreateAccessKey" or "update configmaps". */
  action?: string;
  /**
   * Whose credentials made the call: the console's own, the add-on's AccessKey from alibaba-addon-secret, or a pair
   * the user just typed (then a rejection is about their input, not about a stored Secret).
   */
  principal?: "console" | "addon" | "entered";
  /** e.g. "kube-system/eci-profile" or a RAM user name. */
  resource?: string;
  /** What was called, named for a person: "the API server of cluster prod (https://…)". */
  endpoint?: string;
  /** The client-side timeout that applied, for "no answer within N s". */
  timeoutSeconds?: number;
  /** The signed-in person the Kubernetes call was made as (impersonation): a refusal is theirs, not the console's. */
  actingAs?: { user: string; groups: string[] };
}

/** Shape of @alicloud/openapi-core errors (ClientError, ServerError, ThrottlingError). */
export interface CloudErrorLike {
  code?: string;
  statusCode?: number;
  message?: string;
  accessDeniedDetail?: { AuthAction?: string; NoPermissionType?: string; PolicyType?: string } | null;
}

/** Shape of a Kubernetes Status (also the body of @kubernetes/client-node ApiException). */
export interface KubeStatusLike {
  kind?: string;
  reason?: string;
  code?: number;
  message?: string;
  details?: { name?: string; kind?: string; causes?: Array<{ field?: string; message?: string; reason?: string }>; retryAfterSeconds?: number };
}

type Entry = Omit<UserFacingError, "code" | "source" | "detail">;

/** A cloud message to embed in a sentence of ours: without its own final period. */
const clause = (message: string | undefined, fallback: string) => (message ?? fallback).trim().replace(/\.+$/, "");

// Which system policy grants a RAM service's actions to the console's own identity.
const POLICY_FOR_SERVICE: Record<string, string> = {
  ram: "AliyunRamFullAccess",
  cs: "AliyunCSFullAccess",
  vpc: "AliyunVPCReadOnlyAccess",
  ecs: "AliyunECSReadOnlyAccess",
  eci: "AliyunECIFullAccess",
};

function noPermission(err: CloudErrorLike, ctx: ErrorContext): Entry {
  const action = err.accessDeniedDetail?.AuthAction ?? ctx.action;
  const service = action?.split(":")[0]?.toLowerCase();
  const policy = service ? POLICY_FOR_SERVICE[service] : undefined;
  if (ctx.principal === "addon")
    return {
      title: `The add-on's AccessKey is not allowed to call ${action ?? "this API"}`,
      whatToDo: `Grant the add-on's RAM user ${policy ?? "the missing permission"} (run "Grant RAM permissions" again), then retry.`,
      retryable: false,
    };
  return {
    title: `The console's own credentials are not allowed to call ${action ?? "this API"}`,
    whatToDo: policy
      ? `The console's own credentials lack ${policy}. Attach ${policy} to the RAM user or role whose AccessKey the console uses, then retry.`
      : "Attach the missing permission to the RAM user or role whose AccessKey the console uses, then retry.",
    retryable: false,
  };
}

const CLOUD: Record<string, (err: CloudErrorLike, ctx: ErrorContext) => Entry> = {
  // RAM
  "EntityAlreadyExists.User": (_, c) => ({
    title: `A RAM user${c.resource ? ` named ${c.resource}` : ""} already exists`,
    whatToDo: "The grant reuses a user it created; if this user belongs to someone else, choose another user name or delete the old user in the RAM console.",
    retryable: false,
  }),
  "EntityAlreadyExists.Policy": () => ({
    title: "The RAM policy already exists",
    whatToDo: "Nothing to do if it is the add-on's policy; otherwise rename or delete the existing policy in the RAM console.",
    retryable: false,
  }),
  "EntityAlreadyExists.User.Policy": () => ({ title: "The policy is already attached to this RAM user", whatToDo: "Nothing to do: the permission is in place.", retryable: false }),
  "EntityNotExist.User": (_, c) => ({
    title: `The RAM user${c.resource ? ` ${c.resource}` : ""} does not exist`,
    whatToDo: 'It may have been deleted in the RAM console. Run "Grant RAM permissions" again to recreate it and its AccessKey.',
    retryable: false,
  }),
  "EntityNotExist.Policy": () => ({ title: "The RAM policy does not exist", whatToDo: 'Run "Grant RAM permissions" again to recreate the add-on\'s policy.', retryable: false }),
  "EntityNotExist.User.Policy": () => ({ title: "The policy is not attached to this RAM user", whatToDo: "Nothing to detach; continue.", retryable: false }),
  "EntityNotExist.User.AccessKey": () => ({
    title: "The AccessKey no longer exists",
    whatToDo: 'It was deleted in the RAM console. Run "Grant RAM permissions" again to create a new AccessKey and update alibaba-addon-secret.',
    retryable: false,
  }),
  "LimitExceeded.User.AccessKey": () => ({
    title: "The RAM user already has 2 AccessKeys, the maximum",
    whatToDo: "In the RAM console, delete an unused AccessKey of this user (check it is not the one in alibaba-addon-secret), then retry.",
    retryable: false,
  }),
  "LimitExceeded.User": () => ({
    title: "The account has reached its RAM user limit",
    whatToDo: "Delete unused RAM users or ask Alibaba Cloud to raise the quota, then retry.",
    retryable: false,
  }),
  "LimitExceeded.Policy": () => ({
    title: "The account has reached its custom policy limit",
    whatToDo: "Delete unused custom policies in the RAM console, then retry.",
    retryable: false,
  }),
  "LimitExceeded.User.Policy": () => ({ title: "The RAM user has too many policies attached", whatToDo: "Detach policies this user does not need, then retry.", retryable: false }),
  "DeleteConflict.Policy.User": () => ({
    title: "The policy is still attached to a RAM user",
    whatToDo: "Detach it from every user first; the console does this when it revokes the grant.",
    retryable: false,
  }),
  MalformedPolicyDocument: () => ({ title: "RAM rejected the policy document", whatToDo: "This is a console bug: report it with the details below.", retryable: false }),
  NoPermission: noPermission,
  "Forbidden.RAM": noPermission,
  Forbidden: noPermission,
  ErrorCheckAcl: noPermission,
  "Forbidden.AccessKeyDisabled": (_, c) => ({
    title: "The AccessKey is disabled",
    whatToDo:
      c.principal === "entered"
        ? "The key you entered is disabled: enable it in the RAM console or enter an active one."
        : c.principal === "addon"
          ? "Enable the add-on's AccessKey in the RAM console, or grant again to create a new one."
          : "Enable the console's AccessKey in the RAM console, or configure the console with an active AccessKey.",
    retryable: false,
  }),
  // Gateway / signing
  "InvalidAccessKeyId.NotFound": (_, c) => ({
    title: "The AccessKey ID is not known to Alibaba Cloud",
    whatToDo:
      c.principal === "entered"
        ? "Check the AccessKey ID you entered: Alibaba Cloud has no such key (deleted, or mistyped). Copy it again from the RAM console."
        : c.principal === "addon"
          ? "The AccessKey in alibaba-addon-secret was deleted or mistyped. Grant RAM permissions again to write a valid one."
          : "Check the AccessKey ID the console is configured with; it may have been deleted or mistyped.",
    retryable: false,
  }),
  SignatureDoesNotMatch: (_, c) => ({
    title: c.principal === "entered" ? "The AccessKey secret you entered does not belong to that AccessKey ID" : "The AccessKey secret does not match the AccessKey ID",
    whatToDo:
      c.principal === "entered"
        ? "Copy the secret again from where you saved it when the key was created (the RAM console shows it only once), without spaces, and submit again. Nothing was written."
        : c.principal === "addon"
          ? "alibaba-addon-secret holds the wrong access-key-secret. Grant RAM permissions again to rewrite it."
          : "The console's AccessKey secret is wrong; correct it in the console's configuration.",
    retryable: false,
  }),
  IncompleteSignature: () => ({
    title: "The request signature was rejected",
    whatToDo: "Check the console's AccessKey configuration (ID and secret, no extra spaces).",
    retryable: false,
  }),
  "InvalidTimeStamp.Expired": () => ({
    title: "The console's clock is off by more than 15 minutes",
    whatToDo: "Synchronise the clock (NTP) of the machine running the console, then retry.",
    retryable: false,
  }),
  SignatureNonceUsed: () => ({ title: "A request was sent twice", whatToDo: "Retry; this clears by itself.", retryable: true }),
  InvalidCredentials: () => ({
    title: "The console has no Alibaba Cloud credentials configured",
    whatToDo: "Configure an AccessKey (or a RAM role) for the console, then retry.",
    retryable: false,
  }),
  Throttling: () => ({ title: "Alibaba Cloud is rate-limiting requests", whatToDo: "Wait a few seconds and retry.", retryable: true }),
  "Throttling.User": () => ({ title: "Your account is sending requests too fast", whatToDo: "Wait a few seconds and retry.", retryable: true }),
  "Throttling.Api": () => ({ title: "This API is rate-limited right now", whatToDo: "Wait a few seconds and retry.", retryable: true }),
  InternalError: () => ({
    title: "Alibaba Cloud had an internal error",
    whatToDo: "Retry in a minute; if it persists, open a ticket with the request ID from the details.",
    retryable: true,
  }),
  ServiceUnavailable: () => ({ title: "The Alibaba Cloud service is temporarily unavailable", whatToDo: "Retry in a minute.", retryable: true }),
  "InvalidRegionId.NotFound": () => ({ title: "The region does not exist", whatToDo: "Check the cluster's region ID (for example cn-hangzhou).", retryable: false }),
  // ACK (CS 2015-12-15)
  ErrorClusterNotFound: () => ({
    title: "ACK does not know this cluster",
    whatToDo: "Check the registered cluster ID and region; the cluster may have been deleted from ACK One.",
    retryable: false,
  }),
  AddonNotFound: () => ({
    title: "ack-virtual-node is not offered for this cluster",
    whatToDo: "Check the cluster is an ACK One registered cluster in a region where ECI is available.",
    retryable: false,
  }),
  ErrorAddonNotFound: () => ({
    title: "ack-virtual-node is not offered for this cluster",
    whatToDo: "Check the cluster is an ACK One registered cluster in a region where ECI is available.",
    retryable: false,
  }),
  ErrorAddonInstanceNotFound: () => ({ title: "ack-virtual-node is not installed", whatToDo: "Install it from the add-on card.", retryable: false }),
  ErrorAddonVersionNotFound: () => ({
    title: "That ack-virtual-node version is not available",
    whatToDo: "Install the version ACK offers (leave the version empty for the latest).",
    retryable: false,
  }),
  ErrorTaskNotFound: () => ({ title: "ACK no longer knows this task", whatToDo: "Reload: the add-on state is read from the cluster again.", retryable: false }),
  ErrorClusterUnreachable: () => ({
    title: "ACK cannot reach the registered cluster",
    whatToDo: "Check that ack-cluster-agent is running in kube-system and can reach Alibaba Cloud, then retry.",
    retryable: true,
  }),
  "InvalidParameter.Config": (e) => ({ title: "ACK rejected the add-on configuration", whatToDo: `Fix the configuration: ${clause(e.message, "see details")}.`, retryable: false }),
  ErrorAddonTaskFailed: (e) => ({
    title: "The add-on task failed",
    whatToDo: `Fix the cause (${clause(e.message, "see details")}) and run the step again; it is safe to repeat.`,
    retryable: false,
  }),
  ErrorAddonTaskInterrupted: () => ({ title: "The add-on task was interrupted", whatToDo: "Run the step again; it is safe to repeat.", retryable: true }),
};

/** Cloud codes with a specific message, longest first (so "InvalidAccessKeyId.NotFound" wins over shorter codes found in the same text). */
export const KNOWN_CLOUD_CODES: readonly string[] = Object.keys(CLOUD).sort((a, b) => b.length - a.length);

/** Codes handled by prefix when there is no exact entry. */
function cloudFallback(err: CloudErrorLike): Entry {
  const code = err.code ?? "";
  if (code.startsWith("Throttling")) return CLOUD.Throttling(err, {});
  if (code.startsWith("InvalidParameter") || code.startsWith("Missing"))
    return { title: "Alibaba Cloud rejected a parameter", whatToDo: `Correct the value and retry: ${clause(err.message, code)}.`, retryable: false };
  if (code.startsWith("EntityNotExist")) return { title: "A RAM entity does not exist", whatToDo: 'Run "Grant RAM permissions" again to recreate it.', retryable: false };
  if ((err.statusCode ?? 0) >= 500) return CLOUD.InternalError(err, {});
  return { title: `Alibaba Cloud returned ${code || "an error"}`, whatToDo: err.message ? `Details: ${err.message}` : "See the details and retry.", retryable: false };
}

export function explainCloudError(err: CloudErrorLike, ctx: ErrorContext = {}): UserFacingError {
  const code = err.code ?? "Unknown";
  const entry = (CLOUD[code] ?? cloudFallback)(err, ctx);
  return { ...entry, code, source: "cloud", detail: err.message };
}

const KUBE: Record<string, (s: KubeStatusLike, ctx: ErrorContext) => Entry> = {
  Forbidden: (s, c) => {
    // The apiserver's message names the identity, verb and resource: `User "x" cannot update resource "configmaps" … in the namespace "kube-system"`.
    const m = /(User|ServiceAccount|Group) "([^"]+)" cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?/.exec(s.message ?? "");
    if (m) {
      const [, , who, verb, resource, group, namespace] = m;
      const scope = namespace ? `a Role in namespace ${namespace}` : "a ClusterRole";
      if (c.actingAs) {
        const groups = c.actingAs.groups.length ? ` or to one of your groups (${c.actingAs.groups.join(", ")})` : "";
        return {
          title: `${who} may not ${verb} ${resource}${namespace ? ` in ${namespace}` : ""}`,
          whatToDo: `Kubernetes RBAC refuses this to you (${c.actingAs.user}). A cluster administrator can grant it: bind ${scope} that allows "${verb}" on "${resource}"${group ? ` (API group ${group})` : ""} to user ${c.actingAs.user}${groups}.`,
          retryable: false,
        };
      }
      return {
        title: `${who} may not ${verb} ${resource}${namespace ? ` in ${namespace}` : ""}`,
        whatToDo: `Bind ${scope} that allows "${verb}" on "${resource}"${group ? ` (API group ${group})` : ""} to ${who}, the identity in the console's kubeconfig, then retry.`,
        retryable: false,
      };
    }
    return {
      title: `The kubeconfig identity may not ${c.action ?? "do this"}${c.resource ? ` on ${c.resource}` : ""}`,
      whatToDo:
        "Bind a Role or ClusterRole that allows this to the user or ServiceAccount in the console's kubeconfig (see the details for the exact verb and resource), then retry.",
      retryable: false,
    };
  },
  Unauthorized: () => ({
    title: "The cluster rejected the console's credentials",
    whatToDo: "The kubeconfig token or certificate is invalid or expired; upload a fresh kubeconfig.",
    retryable: false,
  }),
  Conflict: (s) => ({
    title: `${describeObject(s) ?? "The object"} was changed by someone else since it was read`,
    whatToDo: "Review their change: merge it with yours or reload. Nothing was overwritten.",
    retryable: false,
  }),
  AlreadyExists: (s) => ({
    title: `${describeObject(s) ?? "The object"} already exists`,
    whatToDo: "Nothing to do if it was created by an earlier attempt; otherwise reload to see it.",
    retryable: false,
  }),
  NotFound: (s) => ({
    title: `${describeObject(s) ?? "The object"} does not exist`,
    whatToDo: "It may have been deleted or never created; reload to see the current state.",
    retryable: false,
  }),
  Invalid: (s) => ({
    title: `The cluster rejected ${describeObject(s) ?? "the object"} as invalid`,
    whatToDo: s.details?.causes?.length
      ? `Fix: ${s.details.causes.map((c) => `${c.field ? `${c.field}: ` : ""}${c.message ?? c.reason ?? ""}`).join("; ")}.`
      : "Correct the values and retry.",
    retryable: false,
  }),
  BadRequest: () => ({ title: "The cluster rejected the request", whatToDo: "See the details; this is likely a console bug.", retryable: false }),
  Gone: () => ({ title: "The cluster's view of this list expired", whatToDo: "The console reloads the list; retry if it does not recover.", retryable: true }),
  Expired: () => ({ title: "The cluster's view of this list expired", whatToDo: "The console reloads the list; retry if it does not recover.", retryable: true }),
  TooManyRequests: (s) => ({
    title: "The API server is throttling requests",
    whatToDo: `Wait${s.details?.retryAfterSeconds ? ` ${s.details.retryAfterSeconds} s` : " a few seconds"} and retry.`,
    retryable: true,
  }),
  ServiceUnavailable: () => ({ title: "The Kubernetes API server is unavailable", whatToDo: "Check the control plane is up and reachable, then retry.", retryable: true }),
  Timeout: () => ({ title: "The Kubernetes API server timed out", whatToDo: "Retry; if it keeps happening, check API server load and network latency.", retryable: true }),
  ServerTimeout: () => ({ title: "The Kubernetes API server timed out", whatToDo: "Retry; if it keeps happening, check API server load and network latency.", retryable: true }),
  InternalError: () => ({ title: "The Kubernetes API server had an internal error", whatToDo: "Retry; if it persists, check the API server logs.", retryable: true }),
};

const REASON_FOR_CODE: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  410: "Gone",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout",
};

function describeObject(s: KubeStatusLike): string | undefined {
  const d = s.details;
  if (!d?.name) return undefined;
  return `${d.kind ? `${d.kind} ` : ""}${d.name}`;
}

export function explainKubernetesError(status: KubeStatusLike, ctx: ErrorContext = {}): UserFacingError {
  // A 409 with reason AlreadyExists is a create race, not an update conflict: the reason decides.
  const reason = status.reason || (status.code !== undefined ? REASON_FOR_CODE[status.code] : undefined) || "Unknown";
  const entry = KUBE[reason]?.(status, ctx) ?? {
    title: `The cluster returned ${status.code ?? "an error"}${reason !== "Unknown" ? ` (${reason})` : ""}`,
    whatToDo: status.message ? `Details: ${status.message}` : "See the details and retry.",
    retryable: (status.code ?? 0) >= 500,
  };
  return { ...entry, code: `k8s:${reason}`, source: "kubernetes", detail: status.message };
}

/** What was called, for network errors: "the API server of cluster prod (https://10.0.0.1:6443)". */
const where = (ctx: ErrorContext) => ctx.endpoint ?? "the endpoint";

const NETWORK: Record<string, (ctx: ErrorContext) => Entry> = {
  ECONNREFUSED: (c) => ({
    title: `Connection refused by ${where(c)}`,
    whatToDo: "Nothing is listening at that address: check the server address (kubeconfig, or the cloud endpoint) and that the service is up.",
    retryable: true,
  }),
  ENOTFOUND: (c) => ({
    title: `The host name of ${where(c)} was not found`,
    whatToDo: "Check the server address and the DNS of the machine running the console.",
    retryable: false,
  }),
  EAI_AGAIN: (c) => ({
    title: `The host name of ${where(c)} could not be resolved right now`,
    whatToDo: "Check the DNS of the machine running the console, then retry.",
    retryable: true,
  }),
  EHOSTUNREACH: (c) => ({ title: `No route to ${where(c)}`, whatToDo: "Check the network path (VPN, firewall, routes) between the console and the server.", retryable: true }),
  ENETUNREACH: (c) => ({ title: `No route to ${where(c)}`, whatToDo: "Check the network path (VPN, firewall, routes) between the console and the server.", retryable: true }),
  ETIMEDOUT: (c) => ({
    title: `No answer from ${where(c)}`,
    whatToDo: "Check network reachability and firewalls between the console and the server, then retry.",
    retryable: true,
  }),
  UND_ERR_CONNECT_TIMEOUT: (c) => ({
    title: `No answer from ${where(c)}`,
    whatToDo: "Check network reachability and firewalls between the console and the server, then retry.",
    retryable: true,
  }),
  ECONNRESET: (c) => ({
    title: `The connection to ${where(c)} was reset`,
    whatToDo: "Retry; if it keeps happening, check proxies and load balancers in between.",
    retryable: true,
  }),
  UND_ERR_SOCKET: (c) => ({
    title: `The connection to ${where(c)} was closed unexpectedly`,
    whatToDo: "Retry; if it keeps happening, check proxies and load balancers in between.",
    retryable: true,
  }),
  RequestTimeoutError: (c) => ({
    title: `No answer from ${where(c)}${c.timeoutSeconds ? ` within ${c.timeoutSeconds} s` : " in time"}`,
    whatToDo: "Retry; if it keeps happening, check the network and the server's load.",
    retryable: true,
  }),
  TimeoutError: (c) => ({
    title: `No answer from ${where(c)}${c.timeoutSeconds ? ` within ${c.timeoutSeconds} s` : " in time"}`,
    whatToDo: "Check that the server is up and reachable from the console (firewall, VPN), then retry.",
    retryable: true,
  }),
  TLS: (c) => ({
    title: `The TLS certificate of ${where(c)} was not accepted`,
    whatToDo: "Check the certificate-authority-data of this cluster in the kubeconfig (or the proxy in between): the server's certificate does not match it.",
    retryable: false,
  }),
};

const TLS_CODES = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_SSL_)/;

/** The low-level code of a network failure: fetch wraps it as `TypeError("fetch failed", { cause })`. */
function networkCode(e: Record<string, unknown>): string | undefined {
  for (let cur: Record<string, unknown> | undefined = e, depth = 0; cur && depth < 4; cur = cur.cause as Record<string, unknown> | undefined, depth++) {
    const code = typeof cur.code === "string" ? cur.code : undefined;
    if (code && NETWORK[code]) return code;
    if (code && TLS_CODES.test(code)) return "TLS";
    if (typeof cur.name === "string" && NETWORK[cur.name]) return cur.name;
  }
  return undefined;
}

/**
 * An error the console raises itself, already in words: unknown cluster, no cloud credentials, a node that is not
 * virtual, input that cannot be used. Adapters and services throw these; explainError passes them through.
 */
export class ConsoleError extends Error {
  readonly code: string;
  readonly title: string;
  readonly whatToDo: string;
  readonly retryable: boolean;
  constructor(entry: { code: string; title: string; whatToDo: string; retryable?: boolean }) {
    super(`${entry.title}. ${entry.whatToDo}`);
    this.name = "ConsoleError";
    this.code = entry.code;
    this.title = entry.title;
    this.whatToDo = entry.whatToDo;
    this.retryable = entry.retryable ?? false;
  }
}

/** Input the server refuses after its own checks (e.g. a vSwitch not in the VPC): field messages for the form. */
export class InputError extends ConsoleError {
  constructor(
    title: string,
    readonly fieldErrors: Record<string, string> = {},
    whatToDo = "Change the highlighted fields and submit again; nothing was written.",
    code = "InvalidInput",
  ) {
    super({ code, title, whatToDo });
    this.name = "InputError";
  }
}

/** Maps any error thrown by the Alibaba Cloud SDK, @kubernetes/client-node, fetch or the console to a user message. */
export function explainError(err: unknown, ctx: ErrorContext = {}): UserFacingError {
  if (err instanceof ConsoleError) return { code: err.code, title: err.title, whatToDo: err.whatToDo, retryable: err.retryable, source: "console" };
  const e = (err ?? {}) as Record<string, unknown>;
  const netCode = networkCode(e);
  if (netCode) {
    const cause = (e.cause ?? {}) as Record<string, unknown>;
    const detail = [e.message, cause.message].filter((m): m is string => typeof m === "string").join(": ") || undefined;
    return { ...NETWORK[netCode](ctx), code: netCode, source: "network", detail };
  }
  // @kubernetes/client-node ApiException: numeric HTTP code, body = Status (JSON text or object).
  if (typeof e.code === "number" && "body" in e) {
    const body = parseBody(e.body);
    return explainKubernetesError({ ...body, code: body.code ?? e.code }, ctx);
  }
  // The console's raw GET (lib/k8s/raw-api.ts): numeric code and the Status reason.
  if (typeof e.code === "number" && typeof e.reason === "string")
    return explainKubernetesError({ code: e.code, reason: e.reason === "Unknown" ? undefined : e.reason, message: e.message as string }, ctx);
  if (e.kind === "Status") return explainKubernetesError(e as KubeStatusLike, ctx);
  // A Node.js system error (a file, a socket) is the console's own trouble, not a cloud answer.
  if (typeof e.syscall === "string" && typeof e.code === "string") {
    const what = typeof e.path === "string" ? `${e.syscall} ${e.path}` : e.syscall;
    return {
      code: e.code,
      title: `The console could not ${what} (${e.code})`,
      whatToDo: "Check that the file or address exists and that the console's user may use it, then retry.",
      retryable: false,
      source: "console",
      detail: e.message as string,
    };
  }
  if (typeof e.code === "string") return explainCloudError(e as CloudErrorLike, ctx);
  const message = err instanceof Error ? err.message : typeof err === "string" ? err : undefined;
  return {
    code: "Unknown",
    title: "Something went wrong",
    whatToDo: message ? `Details: ${message}` : "Retry; if it persists, check the console's server log.",
    retryable: false,
    source: "unknown",
    detail: message,
  };
}

/** One line for logs, stream badges and plain-text places: "Title. What to do". */
export const errorSentence = (e: Pick<UserFacingError, "title" | "whatToDo">) => `${e.title.replace(/\.$/, "")}. ${e.whatToDo}`;

function parseBody(body: unknown): KubeStatusLike {
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as KubeStatusLike;
    } catch {
      return { message: body };
    }
  }
  return (body ?? {}) as KubeStatusLike;
}
