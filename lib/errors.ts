// The one place where errors become words: Alibaba Cloud error codes (RAM, ACK/CS, VPC/ECS gateway), Kubernetes
// Status reasons, network failures and the console's own errors, each mapped once to what happened and what to do.
// Cloud codes are those of the OpenAPI gateway and RAM; ACK codes are the ones the CS API returns for clusters,
// add-ons and tasks (ErrorClusterNotFound, AddonNotFound, …). The words are the catalogues' ("errors" in
// messages/*.json), in the language of the request or CLI run being served (lib/i18n/locale-context.ts), or in the
// translator's language when one is passed. Server code and the CLI only: no component imports this module.
import type { MessageKeys, NestedKeyOf } from "next-intl";
import { currentTranslator } from "@/lib/i18n/locale-context";
import type { Messages } from "@/lib/i18n/messages";
import type { Translator } from "@/lib/i18n/translator";

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
type T = Translator;

/** A catalogue key, checked by tsc against messages/en.json. */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;
/** Catalogue words with their values, worded when read: in the reader's language, not the writer's. */
export type Message = { key: MessageKey; values?: Record<string, WordValue> };
/** Words: text already worded (a name, an explained error passed on) or a catalogue message. */
export type Words = string | Message;
/** A value of a message: plain, other words, or a list of words joined by `by`. */
export type WordValue = string | number | Message | { join: readonly Words[]; by: string };

/** Words from the catalogues, for ConsoleError, InputError, action results and audit records. */
export const words = (key: MessageKey, values?: Record<string, WordValue>): Message => ({ key, values });

/** The text of words in the translator's language (the current one by default). */
export function say(w: Words, t: T = currentTranslator()): string {
  if (typeof w === "string") return w;
  const values: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(w.values ?? {}))
    values[name] = typeof v === "string" || typeof v === "number" ? v : "join" in v ? v.join.map((x) => say(x, t)).join(v.by) : say(v, t);
  return t(w.key as never, values as never);
}

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

/** By whose credentials: the entered pair, the add-on's AccessKey, or the console's own. */
const whose = (c: ErrorContext) => (c.principal === "entered" ? "Entered" : c.principal === "addon" ? "Addon" : "Console");

function noPermission(err: CloudErrorLike, ctx: ErrorContext, t: T): Entry {
  const action = err.accessDeniedDetail?.AuthAction ?? ctx.action ?? t("errors.common.thisApi");
  const service = action.split(":")[0]?.toLowerCase();
  const policy = service ? POLICY_FOR_SERVICE[service] : undefined;
  if (ctx.principal === "addon")
    return {
      title: t("errors.cloud.NoPermission.addonTitle", { action }),
      whatToDo: t("errors.cloud.NoPermission.addonWhatToDo", { policy: policy ?? t("errors.common.theMissingPermission") }),
      retryable: false,
    };
  return {
    title: t("errors.cloud.NoPermission.title", { action }),
    whatToDo: policy ? t("errors.cloud.NoPermission.whatToDoPolicy", { policy }) : t("errors.cloud.NoPermission.whatToDo"),
    retryable: false,
  };
}

type CloudRule = (err: CloudErrorLike, ctx: ErrorContext, t: T) => Entry;

/** A code whose words do not depend on the error: its title and whatToDo under errors.cloud.<group>. */
const fixed =
  (group: keyof Messages["errors"]["cloud"], retryable = false): CloudRule =>
  (_e, _c, t) => ({ title: t(`errors.cloud.${group}.title` as never), whatToDo: t(`errors.cloud.${group}.whatToDo` as never), retryable });

const CLOUD: Record<string, CloudRule> = {
  // RAM
  "EntityAlreadyExists.User": (_, c, t) => ({
    title: c.resource ? t("errors.cloud.EntityAlreadyExists_User.titleNamed", { resource: c.resource }) : t("errors.cloud.EntityAlreadyExists_User.title"),
    whatToDo: t("errors.cloud.EntityAlreadyExists_User.whatToDo"),
    retryable: false,
  }),
  "EntityAlreadyExists.Policy": fixed("EntityAlreadyExists_Policy"),
  "EntityAlreadyExists.User.Policy": fixed("EntityAlreadyExists_User_Policy"),
  "EntityNotExist.User": (_, c, t) => ({
    title: c.resource ? t("errors.cloud.EntityNotExist_User.titleNamed", { resource: c.resource }) : t("errors.cloud.EntityNotExist_User.title"),
    whatToDo: t("errors.cloud.EntityNotExist_User.whatToDo"),
    retryable: false,
  }),
  "EntityNotExist.Policy": fixed("EntityNotExist_Policy"),
  "EntityNotExist.User.Policy": fixed("EntityNotExist_User_Policy"),
  "EntityNotExist.User.AccessKey": fixed("EntityNotExist_User_AccessKey"),
  "LimitExceeded.User.AccessKey": fixed("LimitExceeded_User_AccessKey"),
  "LimitExceeded.User": fixed("LimitExceeded_User"),
  "LimitExceeded.Policy": fixed("LimitExceeded_Policy"),
  "LimitExceeded.User.Policy": fixed("LimitExceeded_User_Policy"),
  "DeleteConflict.Policy.User": fixed("DeleteConflict_Policy_User"),
  MalformedPolicyDocument: fixed("MalformedPolicyDocument"),
  NoPermission: noPermission,
  "Forbidden.RAM": noPermission,
  Forbidden: noPermission,
  ErrorCheckAcl: noPermission,
  "Forbidden.AccessKeyDisabled": (_, c, t) => ({
    title: t("errors.cloud.Forbidden_AccessKeyDisabled.title"),
    whatToDo: t(`errors.cloud.Forbidden_AccessKeyDisabled.whatToDo${whose(c)}`),
    retryable: false,
  }),
  // Gateway / signing
  "InvalidAccessKeyId.NotFound": (_, c, t) => ({
    title: t("errors.cloud.InvalidAccessKeyId_NotFound.title"),
    whatToDo: t(`errors.cloud.InvalidAccessKeyId_NotFound.whatToDo${whose(c)}`),
    retryable: false,
  }),
  SignatureDoesNotMatch: (_, c, t) => ({
    title: c.principal === "entered" ? t("errors.cloud.SignatureDoesNotMatch.titleEntered") : t("errors.cloud.SignatureDoesNotMatch.title"),
    whatToDo: t(`errors.cloud.SignatureDoesNotMatch.whatToDo${whose(c)}`),
    retryable: false,
  }),
  IncompleteSignature: fixed("IncompleteSignature"),
  "InvalidTimeStamp.Expired": fixed("InvalidTimeStamp_Expired"),
  SignatureNonceUsed: fixed("SignatureNonceUsed", true),
  InvalidCredentials: fixed("InvalidCredentials"),
  Throttling: fixed("Throttling", true),
  "Throttling.User": fixed("Throttling_User", true),
  "Throttling.Api": fixed("Throttling_Api", true),
  InternalError: fixed("InternalError", true),
  ServiceUnavailable: fixed("ServiceUnavailable", true),
  "InvalidRegionId.NotFound": fixed("InvalidRegionId_NotFound"),
  // ACK (CS 2015-12-15)
  ErrorClusterNotFound: fixed("ErrorClusterNotFound"),
  AddonNotFound: fixed("AddonNotFound"),
  ErrorAddonNotFound: fixed("AddonNotFound"),
  ErrorAddonInstanceNotFound: fixed("ErrorAddonInstanceNotFound"),
  ErrorAddonVersionNotFound: fixed("ErrorAddonVersionNotFound"),
  ErrorTaskNotFound: fixed("ErrorTaskNotFound"),
  ErrorClusterUnreachable: fixed("ErrorClusterUnreachable", true),
  "InvalidParameter.Config": (e, _, t) => ({
    title: t("errors.cloud.InvalidParameter_Config.title"),
    whatToDo: t("errors.cloud.InvalidParameter_Config.whatToDo", { message: clause(e.message, t("errors.common.seeDetails")) }),
    retryable: false,
  }),
  ErrorAddonTaskFailed: (e, _, t) => ({
    title: t("errors.cloud.ErrorAddonTaskFailed.title"),
    whatToDo: t("errors.cloud.ErrorAddonTaskFailed.whatToDo", { message: clause(e.message, t("errors.common.seeDetails")) }),
    retryable: false,
  }),
  ErrorAddonTaskInterrupted: fixed("ErrorAddonTaskInterrupted", true),
};

/** Cloud codes with a specific message, longest first (so "InvalidAccessKeyId.NotFound" wins over shorter codes found in the same text). */
export const KNOWN_CLOUD_CODES: readonly string[] = Object.keys(CLOUD).sort((a, b) => b.length - a.length);

/** Codes handled by prefix when there is no exact entry. */
function cloudFallback(err: CloudErrorLike, _ctx: ErrorContext, t: T): Entry {
  const code = err.code ?? "";
  if (code.startsWith("Throttling")) return CLOUD.Throttling(err, {}, t);
  if (code.startsWith("InvalidParameter") || code.startsWith("Missing"))
    return { title: t("errors.cloud.invalidParameter.title"), whatToDo: t("errors.cloud.invalidParameter.whatToDo", { message: clause(err.message, code) }), retryable: false };
  if (code.startsWith("EntityNotExist")) return { title: t("errors.cloud.entityNotExist.title"), whatToDo: t("errors.cloud.entityNotExist.whatToDo"), retryable: false };
  if ((err.statusCode ?? 0) >= 500) return CLOUD.InternalError(err, {}, t);
  return {
    title: t("errors.cloud.other.title", { code: code || t("errors.common.anError") }),
    whatToDo: err.message ? t("errors.common.details", { message: err.message }) : t("errors.common.seeDetailsAndRetry"),
    retryable: false,
  };
}

export function explainCloudError(err: CloudErrorLike, ctx: ErrorContext = {}, t: T = currentTranslator()): UserFacingError {
  const code = err.code ?? "Unknown";
  const entry = (CLOUD[code] ?? cloudFallback)(err, ctx, t);
  return { ...entry, code, source: "cloud", detail: err.message };
}

type KubeRule = (s: KubeStatusLike, ctx: ErrorContext, t: T) => Entry;

const kubeFixed =
  (group: keyof Messages["errors"]["kube"], retryable = false): KubeRule =>
  (_s, _c, t) => ({ title: t(`errors.kube.${group}.title` as never), whatToDo: t(`errors.kube.${group}.whatToDo` as never), retryable });

/** "ConfigMap eci-profile", or the words for an unnamed object ("The object" at the start of a sentence). */
const object = (s: KubeStatusLike, t: T, fallback: "theObject" | "theObjectInSentence") => describeObject(s) ?? t(`errors.common.${fallback}`);

const KUBE: Record<string, KubeRule> = {
  Forbidden: (s, c, t) => {
    // The apiserver's message names the identity, verb and resource: `User "x" cannot update resource "configmaps" … in the namespace "kube-system"`.
    const m = /(User|ServiceAccount|Group) "([^"]+)" cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?/.exec(s.message ?? "");
    if (m) {
      const [, , who, verb, resource, group, namespace] = m;
      const scope = namespace ? t("errors.kube.Forbidden.scopeRole", { namespace }) : t("errors.kube.Forbidden.scopeClusterRole");
      const apiGroup = group ? t("errors.kube.Forbidden.apiGroup", { group }) : "";
      const title = namespace ? t("errors.kube.Forbidden.titleInNamespace", { who, verb, resource, namespace }) : t("errors.kube.Forbidden.title", { who, verb, resource });
      if (c.actingAs) {
        const groups = c.actingAs.groups.length ? t("errors.kube.Forbidden.orYourGroups", { groups: c.actingAs.groups.join(", ") }) : "";
        return { title, whatToDo: t("errors.kube.Forbidden.whatToDoActingAs", { user: c.actingAs.user, scope, verb, resource, apiGroup, groups }), retryable: false };
      }
      return { title, whatToDo: t("errors.kube.Forbidden.whatToDo", { who, scope, verb, resource, apiGroup }), retryable: false };
    }
    const action = c.action ?? t("errors.kube.Forbidden.doThis");
    return {
      title: c.resource ? t("errors.kube.Forbidden.kubeconfigTitleOn", { action, resource: c.resource }) : t("errors.kube.Forbidden.kubeconfigTitle", { action }),
      whatToDo: t("errors.kube.Forbidden.kubeconfigWhatToDo"),
      retryable: false,
    };
  },
  Unauthorized: kubeFixed("Unauthorized"),
  Conflict: (s, _, t) => ({ title: t("errors.kube.Conflict.title", { object: object(s, t, "theObject") }), whatToDo: t("errors.kube.Conflict.whatToDo"), retryable: false }),
  AlreadyExists: (s, _, t) => ({
    title: t("errors.kube.AlreadyExists.title", { object: object(s, t, "theObject") }),
    whatToDo: t("errors.kube.AlreadyExists.whatToDo"),
    retryable: false,
  }),
  NotFound: (s, _, t) => ({ title: t("errors.kube.NotFound.title", { object: object(s, t, "theObject") }), whatToDo: t("errors.kube.NotFound.whatToDo"), retryable: false }),
  Invalid: (s, _, t) => ({
    title: t("errors.kube.Invalid.title", { object: object(s, t, "theObjectInSentence") }),
    whatToDo: s.details?.causes?.length
      ? t("errors.kube.Invalid.whatToDoCauses", { causes: s.details.causes.map((c) => `${c.field ? `${c.field}: ` : ""}${c.message ?? c.reason ?? ""}`).join("; ") })
      : t("errors.kube.Invalid.whatToDo"),
    retryable: false,
  }),
  BadRequest: kubeFixed("BadRequest"),
  Gone: kubeFixed("Expired", true),
  Expired: kubeFixed("Expired", true),
  TooManyRequests: (s, _, t) => ({
    title: t("errors.kube.TooManyRequests.title"),
    whatToDo: s.details?.retryAfterSeconds ? t("errors.kube.TooManyRequests.whatToDoSeconds", { seconds: s.details.retryAfterSeconds }) : t("errors.kube.TooManyRequests.whatToDo"),
    retryable: true,
  }),
  ServiceUnavailable: kubeFixed("ServiceUnavailable", true),
  Timeout: kubeFixed("Timeout", true),
  ServerTimeout: kubeFixed("Timeout", true),
  InternalError: kubeFixed("InternalError", true),
};

/** Kubernetes Status reasons with a specific message. */
export const KNOWN_KUBE_REASONS: readonly string[] = Object.keys(KUBE);

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

export function explainKubernetesError(status: KubeStatusLike, ctx: ErrorContext = {}, t: T = currentTranslator()): UserFacingError {
  // A 409 with reason AlreadyExists is a create race, not an update conflict: the reason decides.
  const reason = status.reason || (status.code !== undefined ? REASON_FOR_CODE[status.code] : undefined) || "Unknown";
  const code = status.code ?? t("errors.common.anError");
  const entry = KUBE[reason]?.(status, ctx, t) ?? {
    title: reason !== "Unknown" ? t("errors.kube.other.titleReason", { code, reason }) : t("errors.kube.other.title", { code }),
    whatToDo: status.message ? t("errors.common.details", { message: status.message }) : t("errors.common.seeDetailsAndRetry"),
    retryable: (status.code ?? 0) >= 500,
  };
  return { ...entry, code: `k8s:${reason}`, source: "kubernetes", detail: status.message };
}

type NetworkRule = (ctx: ErrorContext, t: T) => Entry;

/** What was called, for network errors: "the API server of cluster prod (https://10.0.0.1:6443)". */
const where = (ctx: ErrorContext, t: T) => ctx.endpoint ?? t("errors.common.theEndpoint");

const netFixed =
  (group: keyof Messages["errors"]["network"], retryable: boolean): NetworkRule =>
  (c, t) => ({ title: t(`errors.network.${group}.title` as never, { where: where(c, t) } as never), whatToDo: t(`errors.network.${group}.whatToDo` as never), retryable });

/** "No answer from X within N s" or "… in time". */
const noAnswerTitle = (c: ErrorContext, t: T) =>
  c.timeoutSeconds ? t("errors.network.noAnswer.titleWithin", { where: where(c, t), seconds: c.timeoutSeconds }) : t("errors.network.noAnswer.titleInTime", { where: where(c, t) });

const NETWORK: Record<string, NetworkRule> = {
  ECONNREFUSED: netFixed("ECONNREFUSED", true),
  ENOTFOUND: netFixed("ENOTFOUND", false),
  EAI_AGAIN: netFixed("EAI_AGAIN", true),
  EHOSTUNREACH: netFixed("EHOSTUNREACH", true),
  ENETUNREACH: netFixed("EHOSTUNREACH", true),
  ETIMEDOUT: netFixed("ETIMEDOUT", true),
  UND_ERR_CONNECT_TIMEOUT: netFixed("ETIMEDOUT", true),
  ECONNRESET: netFixed("ECONNRESET", true),
  UND_ERR_SOCKET: netFixed("UND_ERR_SOCKET", true),
  RequestTimeoutError: (c, t) => ({ title: noAnswerTitle(c, t), whatToDo: t("errors.network.noAnswer.whatToDoRequest"), retryable: true }),
  TimeoutError: (c, t) => ({ title: noAnswerTitle(c, t), whatToDo: t("errors.network.noAnswer.whatToDoTimeout"), retryable: true }),
  TLS: netFixed("TLS", false),
};

/** Network failure codes with a specific message ("TLS" stands for every certificate error). */
export const KNOWN_NETWORK_CODES: readonly string[] = Object.keys(NETWORK);

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
 * An error the console raises itself: unknown cluster, no cloud credentials, a node that is not virtual, input that
 * cannot be used. Adapters and services throw these; explainError passes them through. Its words are catalogue keys
 * with values (or text already worded), put into words when read: in the language of whoever reads them.
 */
export class ConsoleError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly titleWords: Words;
  readonly whatToDoWords: Words;
  constructor(entry: { code: string; title: Words; whatToDo: Words; retryable?: boolean }) {
    super();
    this.name = "ConsoleError";
    this.code = entry.code;
    this.titleWords = entry.title;
    this.whatToDoWords = entry.whatToDo;
    this.retryable = entry.retryable ?? false;
  }
  get title(): string {
    return say(this.titleWords);
  }
  get whatToDo(): string {
    return say(this.whatToDoWords);
  }
  override get message(): string {
    return errorSentence(this);
  }
}

/** Input the server refuses after its own checks (e.g. a vSwitch not in the VPC): field messages for the form. */
export class InputError extends ConsoleError {
  readonly fieldWords: Record<string, Words>;
  constructor(title: Words, fieldErrors: Record<string, Words> = {}, whatToDo: Words = words("errors.console.inputWhatToDo"), code = "InvalidInput") {
    super({ code, title, whatToDo });
    this.name = "InputError";
    this.fieldWords = fieldErrors;
  }
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.fieldWords).map(([field, w]) => [field, say(w)]));
  }
}

/**
 * Maps any error thrown by the Alibaba Cloud SDK, @kubernetes/client-node, fetch or the console to a user message,
 * in the translator's language (by default the current request's or CLI run's).
 */
export function explainError(err: unknown, ctx: ErrorContext = {}, t: T = currentTranslator()): UserFacingError {
  if (err instanceof ConsoleError) return { code: err.code, title: say(err.titleWords, t), whatToDo: say(err.whatToDoWords, t), retryable: err.retryable, source: "console" };
  const e = (err ?? {}) as Record<string, unknown>;
  const netCode = networkCode(e);
  if (netCode) {
    const cause = (e.cause ?? {}) as Record<string, unknown>;
    const detail = [e.message, cause.message].filter((m): m is string => typeof m === "string").join(": ") || undefined;
    return { ...NETWORK[netCode](ctx, t), code: netCode, source: "network", detail };
  }
  // @kubernetes/client-node ApiException: numeric HTTP code, body = Status (JSON text or object).
  if (typeof e.code === "number" && "body" in e) {
    const body = parseBody(e.body);
    return explainKubernetesError({ ...body, code: body.code ?? e.code }, ctx, t);
  }
  // The console's raw GET (lib/k8s/raw-api.ts): numeric code and the Status reason.
  if (typeof e.code === "number" && typeof e.reason === "string")
    return explainKubernetesError({ code: e.code, reason: e.reason === "Unknown" ? undefined : e.reason, message: e.message as string }, ctx, t);
  if (e.kind === "Status") return explainKubernetesError(e as KubeStatusLike, ctx, t);
  // A Node.js system error (a file, a socket) is the console's own trouble, not a cloud answer.
  if (typeof e.syscall === "string" && typeof e.code === "string") {
    const what = typeof e.path === "string" ? `${e.syscall} ${e.path}` : e.syscall;
    return {
      code: e.code,
      title: t("errors.console.system.title", { what, code: e.code }),
      whatToDo: t("errors.console.system.whatToDo"),
      retryable: false,
      source: "console",
      detail: e.message as string,
    };
  }
  if (typeof e.code === "string") return explainCloudError(e as CloudErrorLike, ctx, t);
  const message = err instanceof Error ? err.message : typeof err === "string" ? err : undefined;
  return {
    code: "Unknown",
    title: t("errors.console.unknown.title"),
    whatToDo: message ? t("errors.common.details", { message }) : t("errors.console.unknown.whatToDo"),
    retryable: false,
    source: "unknown",
    detail: message,
  };
}

/** One line for logs, stream badges and plain-text places: "Title. What to do" (with the language's full stop). */
export const errorSentence = (e: Pick<UserFacingError, "title" | "whatToDo">, t: T = currentTranslator()) =>
  t("errors.common.sentence", { title: e.title.replace(/[.。]$/, ""), whatToDo: e.whatToDo });

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
