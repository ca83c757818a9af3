import "server-only";
import { KubeConfig } from "@kubernetes/client-node";
import { ConsoleError } from "@/lib/errors";

let base: KubeConfig | undefined;
const perContext = new Map<string, KubeConfig>();

/**
 * The console's kubeconfig, from `KUBECONFIG` (several files allowed, merged as kubectl does) or `~/.kube/config`.
 * `npm start` points `KUBECONFIG` at the embedded sandbox when the user has none. Credentials stay on the server.
 */
export function loadKubeConfig(): KubeConfig {
  if (!base) {
    const kc = new KubeConfig();
    try {
      kc.loadFromDefault();
    } catch (error) {
      throw new ConsoleError({
        code: "KubeconfigUnreadable",
        title: `The console's kubeconfig could not be read (${(error as Error).message.split("\n")[0]})`,
        whatToDo: "Point KUBECONFIG at a readable kubeconfig file (several files can be joined with ':'), or unset it to use ~/.kube/config, then restart the console.",
      });
    }
    base = kc;
  }
  return base;
}

export class UnknownClusterError extends ConsoleError {
  constructor(context: string) {
    super({ code: "UnknownCluster", title: `No cluster named "${context}" in the console's kubeconfig`, whatToDo: "Pick one on the Clusters page." });
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
