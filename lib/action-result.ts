import type { UserFacingError } from "./errors";

/** The structured failure a form renders: what happened, what to do, whether retrying can help. */
export type ActionError = Pick<UserFacingError, "code" | "title" | "whatToDo" | "retryable"> & { source?: UserFacingError["source"] };

/** What every server action returns: typed data on success; on failure the structured error, never a flattened string. */
export type ActionResult<T = undefined> = { ok: true; data: T; message: string } | { ok: false; error: ActionError; message: string; fieldErrors?: Record<string, string> };

export const succeed = <T>(data: T, message: string): ActionResult<T> => ({ ok: true, data, message });

export function fail(error: ActionError, fieldErrors?: Record<string, string>): ActionResult<never> {
  const { code, title, whatToDo, retryable, source } = error;
  return {
    ok: false,
    // source (cloud, kubernetes, network, …) lets the command line pick its exit code.
    error: { code, title, whatToDo, retryable, ...(source ? { source } : {}) },
    message: `${title.replace(/\.$/, "")}. ${whatToDo}`,
    ...(fieldErrors && Object.keys(fieldErrors).length ? { fieldErrors } : {}),
  };
}
