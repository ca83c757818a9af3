import "server-only";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isIPv6 } from "node:net";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { ConsoleError, say, words } from "@/lib/errors";

let base: KubeConfig | undefined;
const perContext = new Map<string, KubeConfig>();

/** Where the pod's ServiceAccount token, CA and namespace are mounted; tests point it at a minted token. */
export const serviceAccountDir = () => process.env.VNODE_SERVICEACCOUNT_DIR || "/var/run/secrets/kubernetes.io/serviceaccount";

/** In-cluster mode: the cluster the console runs in is reached with its ServiceAccount, no kubeconfig. */
export const inClusterMode = () => process.env.VNODE_IN_CLUSTER === "1" || process.env.VNODE_IN_CLUSTER === "true";

/**
 * The cluster the console runs in, as one context named `name`: like client-node's loadFromCluster, but with the
 * ServiceAccount directory configurable. The token is read through the tokenFile provider, which re-reads it (the
 * kubelet rotates projected tokens).
 */
export function serviceAccountKubeConfig(name: string, dir = serviceAccountDir()): KubeConfig {
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) throw new Error(say(words("server.kube.notInPod")));
  const token = path.join(dir, "token");
  statSync(token); // a missing token is a startup error, not a 401 on the first call
  let namespace: string | undefined;
  try {
    namespace = readFileSync(path.join(dir, "namespace"), "utf8").trim() || undefined;
  } catch {
    namespace = undefined;
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name, server: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`, caFile: path.join(dir, "ca.crt"), skipTLSVerify: false }],
    users: [{ name, authProvider: { name: "tokenFile", config: { tokenFile: token } } }],
    contexts: [{ name, cluster: name, user: name, namespace }],
    currentContext: name,
  });
  return kc;
}

/** KUBECONFIG's entries (joined with ':'); an entry that is a directory stands for every file in it, in name order. */
export function kubeconfigFiles(list = process.env.KUBECONFIG ?? ""): string[] {
  return list
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((entry) => {
      if (!statSync(entry).isDirectory()) return [entry];
      return readdirSync(entry, { withFileTypes: true })
        .filter((f) => !f.name.startsWith(".") && (f.isFile() || f.isSymbolicLink()))
        .map((f) => path.join(entry, f.name))
        .filter((f) => statSync(f).isFile())
        .sort();
    });
}

function readKubeConfig(): KubeConfig {
  if (!inClusterMode()) {
    const kc = new KubeConfig();
    // A plain list behaves exactly as kubectl's (loadFromDefault); directories in it are expanded here.
    const listsDirectory = (process.env.KUBECONFIG ?? "").split(path.delimiter).some((entry) => entry && isDirectory(entry));
    if (!listsDirectory) {
      kc.loadFromDefault();
      return kc;
    }
    const [first, ...rest] = kubeconfigFiles();
    if (!first) throw new Error(say(words("server.kube.noKubeconfigFile", { path: process.env.KUBECONFIG ?? "" })));
    kc.loadFromFile(first);
    for (const file of rest) kc.mergeConfig(loadFile(file), true);
    return kc;
  }
  const kc = serviceAccountKubeConfig(process.env.VNODE_IN_CLUSTER_NAME || "in-cluster");
  // More clusters from mounted kubeconfigs; the in-cluster one stays the current context.
  for (const file of kubeconfigFiles()) kc.mergeConfig(loadFile(file), true);
  return kc;
}

function isDirectory(entry: string) {
  try {
    return statSync(entry).isDirectory();
  } catch {
    return false;
  }
}

function loadFile(file: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

/**
 * The console's kubeconfig. Laptop mode: `KUBECONFIG` (several files allowed, merged as kubectl does; a directory
 * stands for its files) or `~/.kube/config`; `npm start` points `KUBECONFIG` at the embedded sandbox when the user has
 * none. In-cluster mode (VNODE_IN_CLUSTER=1): the ServiceAccount's cluster, named VNODE_IN_CLUSTER_NAME, plus the
 * clusters of the kubeconfigs in `KUBECONFIG`. Credentials stay on the server.
 */
export function loadKubeConfig(): KubeConfig {
  if (!base) {
    try {
      base = readKubeConfig();
    } catch (error) {
      const inCluster = inClusterMode();
      throw new ConsoleError({
        code: "KubeconfigUnreadable",
        title: words(inCluster ? "server.kube.unreadable.titleInCluster" : "server.kube.unreadable.title", { reason: (error as Error).message.split("\n")[0] }),
        whatToDo: inCluster ? words("server.kube.unreadable.whatToDoInCluster", { dir: serviceAccountDir() }) : words("server.kube.unreadable.whatToDo"),
      });
    }
  }
  return base;
}

/** Forgets the loaded kubeconfig (tests switch between modes in one process). */
export function resetKubeConfig() {
  base = undefined;
  perContext.clear();
}

export class UnknownClusterError extends ConsoleError {
  constructor(context: string) {
    super({ code: "UnknownCluster", title: words("server.kube.unknownCluster", { context }), whatToDo: words("server.kube.pickCluster") });
  }
}

/** A KubeConfig whose current context is `context` (cached: exec plugins and token files are read once per context). */
export function kubeConfigFor(context: string): KubeConfig {
  const cached = perContext.get(context);
  if (cached) return cached;
  const kc = loadKubeConfig();
  if (!kc.getContextObject(context)) throw new UnknownClusterError(context);
  const scoped = new KubeConfig();
  scoped.loadFromOptions({ clusters: kc.getClusters(), users: kc.getUsers(), contexts: kc.getContexts(), currentContext: context });
  perContext.set(context, scoped);
  return scoped;
}

export function kubeContexts() {
  const kc = loadKubeConfig();
  return kc.getContexts().map((ctx) => ({
    context: ctx.name,
    cluster: ctx.cluster,
    server: kc.getCluster(ctx.cluster)?.server ?? "",
    namespace: ctx.namespace,
  }));
}

/** The kubeconfig's current-context (what kubectl uses without --context); undefined when it names none. */
export function currentContextName(): string | undefined {
  return loadKubeConfig().getCurrentContext() || undefined;
}
