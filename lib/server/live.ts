import "server-only";
import { onSessionEnded } from "@/lib/auth/session";
import { kubeConfigFor, UnknownClusterError } from "@/lib/k8s/kubeconfig";
import { HubFullError, watchHub, type HubEvent } from "@/lib/k8s/watch-hub";

// The live stream's door to the shared watch hub: the route handler asks here, never the adapter itself.

/** Why a cluster named in a topic cannot be streamed, or undefined when the console knows it. */
export function unknownClusterReason(cluster: string): string | undefined {
  try {
    kubeConfigFor(cluster);
    return undefined;
  } catch (error) {
    if (error instanceof UnknownClusterError) return error.message;
    throw error;
  }
}

export { HubFullError, onSessionEnded, watchHub, type HubEvent };
