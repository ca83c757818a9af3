import "server-only";
import type { z } from "zod";
import { fail, succeed, type ActionResult } from "@/lib/action-result";
import type { AuditEntry } from "@/lib/audit/entry";
import { InputError, errorSentence, explainError, type ConsoleError, type ErrorContext } from "@/lib/errors";
import { recordAudit } from "./audit";
import { getConsoleCluster, type ConsoleCluster } from "./clusters";

/** Who acts: a signed-in web user (single-user token mode: one subject), or the OS user of the command line. */
export interface Actor {
  subject: string;
  sessionId: string;
}

/** What an action may need: reading, operating the add-on, or administering cloud credentials. */
export type Permission = "view" | "operate" | "admin";

type AuditResult = AuditEntry["result"];

/** What an action's body returns; `audit: "none"` for outcomes that changed nothing yet (a confirmation asked). */
export interface Done<T> {
  data: T;
  message: string;
  audit?: AuditResult | "none";
  /** The audit message when it differs from what the user is told. */
  auditMessage?: string;
}

export interface ActionContext<I> {
  input: I;
  actor: Actor;
  cluster: ConsoleCluster;
  /** One more audit record (for actions that touch several targets, each recorded on its own). */
  audit(entry: { target: string; result: AuditResult; message: string; action?: string }): Promise<void>;
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

/**
 * Whether the actor holds the permission. The token sign-in is single-user: the one person who holds the token may do
 * everything the console's own credentials allow, so every permission is granted to a signed-in actor.
 */
async function authorize(_actor: Actor, _permission: Permission): Promise<ConsoleError | null> {
  return null;
}

/** An action declaration without its input schema: each caller (form, command line) brings the schema of its input. */
export type SpecWithoutSchema<I extends { cluster: string }, T> = Omit<ActionSpec<z.ZodType<I>, T>, "schema">;

const running = new Set<string>();

function validationFailure(issues: readonly z.core.$ZodIssue[], fieldsAt?: string): ActionResult<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.filter((p) => typeof p !== "symbol").map(String);
    const field = fieldsAt ? (path[0] === fieldsAt ? path.slice(1).join(".") : "") : path.join(".");
    if (field) fieldErrors[field] ??= issue.message;
  }
  const title = Object.keys(fieldErrors).length ? "Some fields need a change" : (issues[0]?.message ?? "The request is not valid");
  return fail({ code: "InvalidInput", title, whatToDo: "See the messages next to the fields, change them and submit again; nothing was written.", retryable: false }, fieldErrors);
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
        title: `${cluster.id} is not linked to an ACK One registered cluster`,
        whatToDo: "Link it first: Clusters page → ACK registered cluster (ID and region).",
        retryable: false,
      });
    }
    const refused = await authorize(actor, spec.permission);
    if (refused) return fail(refused);

    const action = typeof spec.action === "function" ? spec.action(input) : spec.action;
    const audit: ActionContext<typeof input>["audit"] = (entry) =>
      recordAudit({ cluster: cluster.id, who: actor.subject, action: entry.action ?? action, target: entry.target, result: entry.result, message: entry.message });
    const lock = `${cluster.id}`;
    if (spec.exclusive) {
      if (running.has(lock))
        return fail({
          code: "AlreadyRunning",
          title: `Another grant, install or uninstall is already running on ${cluster.id}`,
          whatToDo: "Wait for it to finish (its progress shows on the Add-ons page), then retry if still needed.",
          retryable: true,
        });
      running.add(lock);
    }
    try {
      const done = await spec.run({ input, actor, cluster, audit });
      if (done.audit !== "none" && !spec.auditsItself) await audit({ target: spec.target(input), result: done.audit ?? "succeeded", message: done.auditMessage ?? done.message });
      return succeed(done.data, done.message);
    } catch (error) {
      const explained = explainError(error, spec.errorContext?.(input, cluster) ?? {});
      if (error instanceof InputError) return fail(explained, error.fieldErrors);
      if (!spec.auditsItself) await audit({ target: spec.target(input), result: "failed", message: errorSentence(explained) });
      return fail(explained);
    } finally {
      if (spec.exclusive) running.delete(lock);
    }
  };
}
