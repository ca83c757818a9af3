import "server-only";
import { words, type Words } from "@/lib/errors";
import { readAddonController, readControllerRollout, restartAddonController } from "@/lib/k8s/addon-objects";

/** How long a controller roll may take before the console keeps the old key and says so. */
const rolloutTimeoutMs = () => Number(process.env.VNODE_ROLLOUT_TIMEOUT_MS) || 120_000;

export type RolloutOutcome = { kind: "no-controller" } | { kind: "rolled" } | { kind: "failed"; reason: Words };

/**
 * Restarts ack-virtual-node's controller so its new pods read the AccessKey now in alibaba-addon-secret, and waits
 * until every replica runs the new template and is available (as `kubectl rollout status` does): from then on no
 * pod holds the previous key. A controller that is not installed has nothing to roll.
 */
export async function rollControllerOntoNewKey(cluster: string): Promise<RolloutOutcome> {
  if (!(await restartAddonController(cluster))) return { kind: "no-controller" };
  const deadline = Date.now() + rolloutTimeoutMs();
  let last = await readControllerRollout(cluster);
  while (!last.complete) {
    if (last.stuck) return { kind: "failed", reason: last.stuck };
    if (Date.now() > deadline)
      return {
        kind: "failed",
        reason: words("server.grant.rolloutTimeout", { available: last.available, replicas: last.replicas, seconds: Math.round(rolloutTimeoutMs() / 1000) }),
      };
    await new Promise((resolve) => setTimeout(resolve, 500));
    last = await readControllerRollout(cluster);
  }
  return { kind: "rolled" };
}

/** No controller, or every replica runs the newest template: no pod can still hold an older key. */
export async function controllerSettled(cluster: string): Promise<boolean> {
  if (!(await readAddonController(cluster))) return true;
  return (await readControllerRollout(cluster)).complete;
}
