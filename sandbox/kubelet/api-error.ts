/** One line for a client-node ApiException: the Kubernetes Status message, not the whole response dump. */
export function apiErrorMessage(error: unknown): string {
  const e = error as { code?: number; body?: unknown; message?: string };
  if (typeof e?.body === "string") {
    try {
      const status = JSON.parse(e.body) as { message?: string };
      if (status.message) return `${e.code}: ${status.message}`;
    } catch {
      /* not JSON: fall through */
    }
  }
  return e?.message?.split("\n")[0] ?? String(error);
}
