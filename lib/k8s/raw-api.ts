import "server-only";
import { HttpMethod, RequestContext, type KubeConfig } from "@kubernetes/client-node";
import { fetch } from "undici";
import { impersonationHeaders, type ImpersonatedUser } from "./api-client";
import { say, words } from "@/lib/errors";

export class KubeStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GET of an API path as plain JSON, with the kubeconfig's credentials and TLS (the same way client-node's Watch
 * connects). Plain JSON keeps list and watch objects in one shape (timestamps stay strings).
 */
export async function getJson<T>(kc: KubeConfig, path: string, query: Record<string, string | undefined> = {}, signal?: AbortSignal, as?: ImpersonatedUser): Promise<T> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(say(words("server.kube.noCurrentCluster")));
  const url = new URL(cluster.server + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") url.searchParams.set(k, v);
  const ctx = new RequestContext(url.toString(), HttpMethod.GET);
  await kc.applySecurityAuthentication(ctx);
  const headers = new Headers(ctx.getHeaders());
  for (const [name, value] of impersonationHeaders(as)) headers.append(name, value);
  const response = await fetch(url, { headers, dispatcher: ctx.getDispatcher() as never, signal });
  const body = (await response.json().catch(() => ({}))) as { reason?: string; message?: string };
  if (!response.ok) throw new KubeStatusError(response.status, body.reason ?? "Unknown", body.message ?? `HTTP ${response.status}`);
  return body as T;
}
