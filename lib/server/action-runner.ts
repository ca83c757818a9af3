import "server-only";
import type { z } from "zod";
import { fail, succeed, type ActionError, type ActionResult } from "@/lib/action-result";
import type { AuditEntry } from "@/lib/audit/entry";
import type { Identity } from "@/lib/auth/identity";
import type { ImpersonatedUser } from "@/lib/k8s/api-client";
import { InputError, errorSentence, explainError, say, words, type ErrorContext, type Words } from "@/lib/errors";
import { currentTranslator } from "@/lib/i18n/locale-context";
import { translatorFor } from "@/lib/i18n/translator";
import { issueText } from "@/lib/i18n/zod";
import { recordAudit } from "./audit";
import { getConsoleCluster, type ConsoleCluster } from "./clusters";
import { log } from "./log";
import { countError } from "./metrics";
import { roleAllows, whoMay, type ConsoleRole, type Permission } from "./roles";
import { consoleState } from "./state";

// One action runner for every door: the web's server actions (lib/server/guard.ts, after the session) and the `vnode`
// command line (lib/server/cli-session.ts, as the OS user). No second implementation of any step.

/** Who acts: the signed-in person (OIDC), or in the single-user token mode the one token user. */
export interface Actor {
  subject: string;
  sessionId: string;
  identity: Identity;
  role: ConsoleRole | null;
  /** Whom Kubernetes calls made for this actor impersonate; undefined in the token mode (the console's own credentials). */
  kube?: ImpersonatedUser;
  /** The client's address as the console believes it (lib/auth/request-info.ts), for the audit. */
  clientAddress: string;
}

export type { ConsoleRole, Permission };

type AuditResult = AuditEntry["result"];

/** What an action's body returns; `audit: "none"` for outcomes that changed nothing yet (a confirmation asked). */
export interface Done<T> {
  data: T;
  /** What the user is told, in their language. */
  message: Words;
  audit?: AuditResult | "none";
  /** The audit message when it differs from what the user is told. */
  auditMessage?: Words;
}

export interface ActionContext<I> {
  input: I;
  actor: Actor;
  /** Pass to every Kubernetes call made for the actor: Kubernetes RBAC then decides (undefined in the token mode). */
  as?: ImpersonatedUser;
  cluster: ConsoleCluster;
  /** One more audit record (for actions that touch several targets, each recorded on its own). */
  audit(entry: { target: string; result: AuditResult; message: Words; action?: string }): Promise<void>;
}

export interface ActionSpec<S extends z.ZodType<{ cluster: string }>, T> {
  /** The audit name, e.g. "install-addon". */
  action: string | ((input: z.output<S>) => string);
  permission: Permission;
  schema: S;
  /** What the action changes, e.g. "secret/alibaba-addon-secret" (audit target). */
  target: (input: z.output<S>) => string;
  /** The cluster must be linked to its ACK registered cluster (cloud actions on the cluster). */
  needsLink?: boolean;
  /** One at a time per cluster: a second call while one runs is refused (installs, grants, uninstalls). */
  exclusive?: boolean;
  /** The body records its own audit entries (one per target); the guard adds none. */
  auditsItself?: boolean;
  /** How a thrown error is worded (which API, whose credentials). */
  errorContext?: (input: z.output<S>, cluster: ConsoleCluster) => ErrorContext;
  /** zod issue paths under this key are form fields ("fields.vSwitchIds.1" → "vSwitchIds.1"). */
  fieldsAt?: string;
  run(ctx: ActionContext<z.output<S>>): Promise<Done<T>>;
}

/** An action declaration without its input schema: each caller (form, command line) brings the schema of its input. */
export type SpecWithoutSchema<I extends { cluster: string }, T> = Omit<ActionSpec<z.ZodType<I>, T>, "schema">;

// Audit records (the Activity page, the Kubernetes Events) are read by everyone who runs the cluster, whatever the
// language of the person who acted: they are written in English.
const AUDIT_LANGUAGE = translatorFor("en");

/**
 * Whether the actor's console role holds the permission (the cloud side, which Kubernetes cannot decide). What the
 * actor may do in a cluster is decided by Kubernetes itself: those calls impersonate the actor. The token sign-in is
 * single-user: its one user is the administrator.
 */
export function authorize(actor: Actor, permission: Permission): ActionError | null {
  if (roleAllows(actor.role, permission)) return null;
  const { role, groups } = whoMay(permission);
  const t = currentTranslator();
  const none = t("server.roles.none");
  const grant = groups.length
    ? t("server.roles.grantByGroups", { count: groups.length, groups: groups.join(", ") })
    : t("server.roles.grantByVariable", { variable: role === "admin" ? "VNODE_ADMIN_GROUPS" : "VNODE_OPERATOR_GROUPS" });
  return {
    code: "ConsoleRoleRequired",
    title: t("server.roles.refused", { name: actor.identity.displayName, user: actor.identity.username, permission, role }),
    whatToDo: t("server.roles.yourRole", { role: actor.role ?? none, groups: actor.identity.groups.join(", ") || none, grant }),
    retryable: false,
  };
}

function validationFailure(issues: readonly z.core.$ZodIssue[], fieldsAt?: string): ActionResult<never> {
  const t = currentTranslator();
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.filter((p) => typeof p !== "symbol").map(String);
    const field = fieldsAt ? (path[0] === fieldsAt ? path.slice(1).join(".") : "") : path.join(".");
    if (field) fieldErrors[field] ??= issueText(issue, t);
  }
  const title = Object.keys(fieldErrors).length ? t("server.invalid.title") : issues[0] ? issueText(issues[0], t) : t("server.invalid.notValid");
  return fail({ code: "InvalidInput", title, whatToDo: t("server.invalid.whatToDo"), retryable: false }, fieldErrors);
}

/**
 * The steps after the caller is known: zod → cluster → authorize → act → audit, returning a typed result that keeps
 * the structured error. The web's actions reach it through defineAction (session first); the CLI with its OS user.
 */
export function runAction<S extends z.ZodType<{ cluster: string }>, T>(spec: ActionSpec<S, T>): (actor: Actor, raw: unknown) => Promise<ActionResult<T>> {
  return async (actor: Actor, raw: unknown) => {
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) return validationFailure(parsed.error.issues, spec.fieldsAt);
    const input = parsed.data;
    let cluster: ConsoleCluster;
    try {
      cluster = await getConsoleCluster(input.cluster);
    } catch (error) {
      return fail(explainError(error));
    }
    if (spec.needsLink && !cluster.link) {
      return fail({
        code: "ClusterNotLinked",
        title: say(words("server.notLinked.title", { cluster: cluster.id })),
        whatToDo: say(words("server.notLinked.whatToDo")),
        retryable: false,
      });
    }
    const refused = authorize(actor, spec.permission);
    if (refused) {
      log.info({ who: actor.identity.username, permission: spec.permission }, "action refused by console role");
      return fail(refused);
    }

    const action = typeof spec.action === "function" ? spec.action(input) : spec.action;
    const audit: ActionContext<typeof input>["audit"] = (entry) =>
      recordAudit({
        cluster: cluster.id,
        who: actor.identity.username,
        subject: actor.identity.subject,
        displayName: actor.identity.displayName,
        groups: actor.identity.groups,
        client: actor.clientAddress,
        action: entry.action ?? action,
        target: entry.target,
        result: entry.result,
        message: say(entry.message, AUDIT_LANGUAGE),
      });
    // One at a time per cluster: across replicas a Lease in the cluster (lib/server/state), in one process a set.
    let release: (() => Promise<void>) | null = null;
    if (spec.exclusive) {
      try {
        release = await consoleState().actionLocks.tryAcquire(cluster.id);
      } catch (error) {
        return fail(explainError(error));
      }
      if (!release)
        return fail({
          code: "AlreadyRunning",
          title: say(words("server.alreadyRunning.title", { cluster: cluster.id })),
          whatToDo: say(words("server.alreadyRunning.whatToDo")),
          retryable: true,
        });
    }
    try {
      const done = await spec.run({ input, actor, as: actor.kube, cluster, audit });
      if (done.audit !== "none" && !spec.auditsItself) await audit({ target: spec.target(input), result: done.audit ?? "succeeded", message: done.auditMessage ?? done.message });
      return succeed(done.data, say(done.message));
    } catch (error) {
      const context: ErrorContext = { ...spec.errorContext?.(input, cluster), actingAs: actor.kube };
      const explained = explainError(error, context);
      countError(explained);
      if (error instanceof InputError) return fail(explained, error.fieldErrors);
      if (!spec.auditsItself) await audit({ target: spec.target(input), result: "failed", message: errorSentence(explainError(error, context, AUDIT_LANGUAGE), AUDIT_LANGUAGE) });
      return fail(explained);
    } finally {
      await release?.();
    }
  };
}
