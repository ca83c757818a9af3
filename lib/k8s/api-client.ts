import "server-only";
import {
  ResponseContext,
  ServerConfiguration,
  createConfiguration,
  setHeaderMiddleware,
  wrapHttpLibrary,
  type Configuration,
  type KubeConfig,
  type RequestContext,
} from "@kubernetes/client-node";
import { fetch } from "undici";
import { kubeConfigFor } from "./kubeconfig";
import { say, words } from "@/lib/errors";

/** Every Kubernetes call gets an answer or an error within this time: an unreachable apiserver never hangs a page. */
export const KUBE_REQUEST_TIMEOUT_MS = Number(process.env.VNODE_KUBE_TIMEOUT_MS) || 10_000;

/** The person a request is made for: the apiserver authorizes it as them (Impersonate-User / Impersonate-Group). */
export interface ImpersonatedUser {
  user: string;
  groups: string[];
}

export interface ApiClientOptions {
  /** Absent: the console's own credentials (the shared watch hub, the single-user token mode, the audit's Events). */
  as?: ImpersonatedUser;
  timeoutMs?: number;
}

/** The impersonation headers; one Impersonate-Group header per group (a comma-joined value would be one group). */
export function impersonationHeaders(as: ImpersonatedUser | undefined): [string, string][] {
  if (!as) return [];
  return [["Impersonate-User", as.user], ...as.groups.map((g): [string, string] => ["Impersonate-Group", g])];
}

/** client-node's own fetch-based transport, but with headers that may repeat (Impersonate-Group). */
const transport = (extra: [string, string][]) =>
  wrapHttpLibrary({
    async send(request: RequestContext) {
      const headers = new Headers(request.getHeaders());
      for (const [name, value] of extra) headers.append(name, value);
      const response = await fetch(request.getUrl(), {
        method: request.getHttpMethod().toString(),
        body: request.getBody() as never,
        headers,
        signal: request.getSignal(),
        dispatcher: request.getDispatcher() as never,
      });
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      return new ResponseContext(response.status, responseHeaders, {
        text: () => response.text(),
        binary: async () => Buffer.from(await response.arrayBuffer()),
        stream: () => response.body as never,
      });
    },
  });

/**
 * A typed client (CoreV1Api, AppsV1Api, …) for one kube context, like KubeConfig.makeApiClient but with a timeout on
 * every request (client-node sets none, so a black-holed apiserver would hold the caller for minutes), and acting as
 * the signed-in person when `as` is given (Kubernetes RBAC then allows or refuses the call).
 */
export function apiClient<T>(cluster: string, Api: new (config: Configuration) => T, options: ApiClientOptions = {}): T {
  return apiClientFor(kubeConfigFor(cluster), Api, options);
}

/** The same for a KubeConfig of its own (the console's shared state, reached with its ServiceAccount). */
export function apiClientFor<T>(kc: KubeConfig, Api: new (config: Configuration) => T, options: ApiClientOptions = {}): T {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error(say(words("server.kube.noServer", { context: kc.getCurrentContext() })));
  const timeoutMs = options.timeoutMs ?? KUBE_REQUEST_TIMEOUT_MS;
  const config = createConfiguration({
    baseServer: new ServerConfiguration(server, {}),
    authMethods: { default: kc },
    httpApi: transport(impersonationHeaders(options.as)),
    middleware: [setHeaderMiddleware("User-Agent", "vnode-console")],
    promiseMiddleware: [
      {
        pre: async (request) => {
          request.setSignal(AbortSignal.timeout(timeoutMs));
          return request;
        },
        post: async (response) => response,
      },
    ],
  });
  return new Api(config);
}
