import "server-only";
import type { z } from "zod";
import { fail, type ActionResult } from "@/lib/action-result";
import { currentSession } from "@/lib/auth/session";
import { InputError, errorSentence, explainError } from "@/lib/errors";
import { runAction, type Actor, type ActionSpec } from "./action-runner";

export type { ActionContext, ActionSpec, Actor, Done, Permission } from "./action-runner";

const UNAUTHENTICATED = {
  code: "Unauthenticated",
  title: "Sign in first",
  whatToDo: "Your session is missing, has ended or has expired: sign in again, then retry.",
  retryable: false,
};

/** The signed-in caller, or null. Every action and route handler asks this itself: the proxy is not the only gate. */
export async function currentActor(): Promise<Actor | null> {
  const session = await currentSession();
  return session ? { subject: session.sub, sessionId: session.sid } : null;
}

/**
 * Every server action is a public endpoint; this is its one door: session → zod → cluster → authorize → act → audit,
 * returning a typed result that keeps the structured error. An action is a declaration of these steps.
 */
export function defineAction<S extends z.ZodType<{ cluster: string }>, T>(spec: ActionSpec<S, T>): (raw: unknown) => Promise<ActionResult<T>> {
  const run = runAction(spec);
  return async (raw: unknown) => {
    const actor = await currentActor();
    if (!actor) return fail(UNAUTHENTICATED);
    return run(actor, raw);
  };
}

/** A route handler's door: the same session check and the same error mapping, as JSON with a fitting status. */
export function guardRoute<P>(handler: (ctx: { request: Request; params: P; actor: Actor }) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const actor = await currentActor();
    if (!actor) return Response.json({ error: UNAUTHENTICATED, message: errorSentence(UNAUTHENTICATED) }, { status: 401 });
    try {
      return await handler({ request, params: await context.params, actor });
    } catch (error) {
      const explained = explainError(error);
      const status = explained.code === "UnknownCluster" ? 404 : error instanceof InputError ? 400 : explained.retryable ? 503 : 500;
      return Response.json(
        { error: { code: explained.code, title: explained.title, whatToDo: explained.whatToDo, retryable: explained.retryable }, message: errorSentence(explained) },
        { status },
      );
    }
  };
}
