import "server-only";
import { KubeConfig } from "@kubernetes/client-node";

let cached: KubeConfig | undefined;

/**
 * The console's kubeconfig, from `KUBECONFIG` (several files allowed) or `~/.kube/config`, exactly as kubectl finds
 * it. `npm start` points `KUBECONFIG` at the embedded sandbox when the user has none.
 */
export function loadKubeConfig(): KubeConfig {
  if (!cached) {
    const kc = new KubeConfig();
    kc.loadFromDefault();
    cached = kc;
  }
  return cached;
}
