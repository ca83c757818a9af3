import "server-only";
import type { z } from "zod";
import { fail, type ActionResult } from "@/lib/action-result";
import { headers } from "next/headers";
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { currentTranslator, withLocale } from "@/lib/i18n/locale-context";
import { tokenIdentity, type Identity } from "@/lib/auth/identity";
import { clientAddress } from "@/lib/auth/request-info";
import { currentSession } from "@/lib/auth/session";
import type { Session } from "@/lib/auth/session-cookie";
import { InputError, errorSentence, explainError } from "@/lib/errors";
import { tracked } from "./lifecycle";
import { log } from "./log";
import { countError, observeAction } from "./metrics";
import { runAction, type ActionSpec, type Actor } from "./action-runner";
import { consoleRole } from "./roles";

export type { ActionContext, ActionSpec, Actor, ConsoleRole, Done, Permission, SpecWithoutSchema } from "./action-runner";
export { authorize } from "./action-runner";

/** No session: said in the caller's language (the guards run inside withLocale). */
const unauthenticated = () => {
  const t = currentTranslator();
  return { code: "Unauthenticated", title: t("server.unauthenticated.title"), whatToDo: t("server.unauthenticated.whatToDo"), retryable: false };
};

/** The signed-in caller, or null. Every action and route handler asks this itself: the proxy is not the only gate. */
export async function currentActor(): Promise<Actor | null> {
  const session = await currentSession();
  return session ? actorOf(session, clientAddress(await headers())) : null;
}

export function actorOf(session: Session, address: string): Actor {
  const identity: Identity = session.oidc
    ? { username: session.oidc.user, subject: session.sub, displayName: session.oidc.name, groups: session.oidc.groups, kind: "oidc" }
    : tokenIdentity();
  return {
    subject: identity.username,
    sessionId: session.sid,
    identity,
    role: consoleRole(identity),
    kube: identity.kind === "oidc" ? { user: identity.username, groups: identity.groups } : undefined,
    clientAddress: address,
  };
}

/**
 * Every server action is a public endpoint; this is its one door: session → zod → cluster → authorize → act → audit,
 * returning a typed result that keeps the structured error. An action is a declaration of these steps.
 */
export function defineAction<S extends z.ZodType<{ cluster: string }>, T>(spec: ActionSpec<S, T>): (raw: unknown) => Promise<ActionResult<T>> {
  const run = runAction(spec);
  const guarded = async (raw: unknown): Promise<ActionResult<T>> => {
    const actor = await currentActor();
    return actor ? run(actor, raw) : fail(unauthenticated());
  };
  return async (raw: unknown) => {
    const startedAt = performance.now();
    // Counted for /metrics and held open through a shutdown: a SIGTERM lets the action finish (lifecycle.ts).
    // Errors and messages are worded in the caller's language (cookie, else Accept-Language).
    const locale = await localeOfRequest();
    const result = await tracked(() => withLocale(locale, () => guarded(raw)));
    const parsed = typeof spec.action === "string" ? undefined : spec.schema.safeParse(raw);
    const name = typeof spec.action === "string" ? spec.action : parsed?.success ? spec.action(parsed.data) : "invalid-input";
    observeAction(name, result, startedAt);
    if (!result.ok) log.info({ action: name, code: result.error.code, ms: Math.round(performance.now() - startedAt) }, `action ${name} refused or failed`);
    return result;
  };
}

/** A route handler's door: the same session check and the same error mapping, as JSON with a fitting status. */
export function guardRoute<P>(handler: (ctx: { request: Request; params: P; actor: Actor }) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => withLocale(await localeOfRequest(), () => guardedRoute(handler, request, context));
}

async function guardedRoute<P>(handler: (ctx: { request: Request; params: P; actor: Actor }) => Promise<Response>, request: Request, context: { params: Promise<P> }) {
  const actor = await currentActor();
  if (!actor) {
    const error = unauthenticated();
    return Response.json({ error, message: errorSentence(error) }, { status: 401 });
  }
  try {
    return await handler({ request, params: await context.params, actor });
  } catch (error) {
    const explained = explainError(error);
    countError(explained);
    const status = explained.code === "UnknownCluster" ? 404 : error instanceof InputError ? 400 : explained.retryable ? 503 : 500;
    return Response.json(
      { error: { code: explained.code, title: explained.title, whatToDo: explained.whatToDo, retryable: explained.retryable }, message: errorSentence(explained) },
      { status },
    );
  }
}
