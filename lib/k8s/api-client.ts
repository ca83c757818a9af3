import "server-only";
import { ServerConfiguration, createConfiguration, setHeaderMiddleware, type Configuration, type KubeConfig } from "@kubernetes/client-node";
import { kubeConfigFor } from "./kubeconfig";

/** Every Kubernetes call gets an answer or an error within this time: an unreachable apiserver never hangs a page. */
export const KUBE_REQUEST_TIMEOUT_MS = Number(process.env.VNODE_KUBE_TIMEOUT_MS) || 10_000;

/**
 * A typed client (CoreV1Api, AppsV1Api, …) for one kube context, like KubeConfig.makeApiClient but with a timeout on
 * every request (client-node sets none, so a black-holed apiserver would hold the caller for minutes).
 */
export function apiClient<T>(cluster: string, Api: new (config: Configuration) => T, timeoutMs = KUBE_REQUEST_TIMEOUT_MS): T {
  return apiClientFor(kubeConfigFor(cluster), Api, timeoutMs);
}

/** The same for a KubeConfig of its own (the console's shared state, reached with its ServiceAccount). */
export function apiClientFor<T>(kc: KubeConfig, Api: new (config: Configuration) => T, timeoutMs = KUBE_REQUEST_TIMEOUT_MS): T {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error(`kube context ${kc.getCurrentContext()} has no cluster server`);
  const config = createConfiguration({
    baseServer: new ServerConfiguration(server, {}),
    authMethods: { default: kc },
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
