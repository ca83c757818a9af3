import "server-only";
import { onSessionEnded } from "@/lib/auth/session";
import { kubeConfigFor, UnknownClusterError } from "@/lib/k8s/kubeconfig";
import { HubFullError, watchHub, type HubEvent } from "@/lib/k8s/watch-hub";
import { metrics } from "./metrics";

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
export { LIVE_ACCESS_TTL_MS, LiveAccess } from "./live-access";
export { isDraining, onDrain } from "./lifecycle";

/** Counts an open stream and the frames it sends, for /metrics. */
export const streamMetrics = {
  opened: () => metrics.streams.open++,
  closed: () => metrics.streams.open--,
  sent: (kind: string) => metrics.sseFrames.inc({ kind }),
};
