import "server-only";

/** A client-node ApiException as a sentence a user can act on (the Kubernetes Status message and reason). */
export function describeKubeError(error: unknown): { reason: string; message: string; code?: number } {
  const e = error as { code?: number; body?: unknown; message?: string };
  let status: { reason?: string; message?: string } = {};
  if (typeof e?.body === "string") {
    try {
      status = JSON.parse(e.body);
    } catch {
      /* not a Status */
    }
  } else if (e?.body && typeof e.body === "object") status = e.body as typeof status;
  const reason = status.reason ?? (e?.code ? `HTTP ${e.code}` : "Error");
  const hint: Record<string, string> = {
    Forbidden: "The console's Kubernetes identity lacks RBAC permission for this; grant it (for example a ClusterRole binding) and retry.",
    Unauthorized: "The kubeconfig credentials were rejected; refresh them.",
    Conflict: "Someone changed this object meanwhile; reload and try again.",
    NotFound: "It no longer exists; reload the page.",
  };
  const message = status.message ?? e?.message?.split("\n")[0] ?? String(error);
  return { reason, code: e?.code, message: hint[reason] ? `${message}. ${hint[reason]}` : message };
}
