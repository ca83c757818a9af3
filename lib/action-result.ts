/** What every server action returns: typed data on success, a message that says what to do on failure. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export const fail = (error: string, fieldErrors?: Record<string, string>): ActionResult<never> => ({ ok: false, error, fieldErrors });
export const succeed = <T,>(data: T, message: string): ActionResult<T> => ({ ok: true, data, message });
