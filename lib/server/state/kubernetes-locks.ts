import "server-only";
import type { CoordinationV1Api } from "@kubernetes/client-node";
import { type LeaseTarget, releaseLease, renewLease, tryTakeLease } from "@/lib/k8s/action-lease";
import { actionLeaseName } from "@/lib/state/lease";

export interface LeaseLocksOptions {
  api: CoordinationV1Api;
  namespace: string;
  prefix: string;
  holder: string;
  durationSeconds: number;
  labels: Record<string, string>;
  /** This process's running actions (process-wide: several route bundles share one holder identity). */
  running: Set<string>;
}

/**
 * One action at a time per cluster across replicas: a coordination.k8s.io Lease per cluster, held by this pod
 * (holderIdentity = its name) and renewed while the action runs. A replica that dies mid-action stops renewing, and
 * its Lease is taken over once `durationSeconds` have passed.
 */
export function leaseActionLocks(o: LeaseLocksOptions) {
  return {
    async tryAcquire(cluster: string): Promise<(() => Promise<void>) | null> {
      // Checked and taken before any await: two calls in this process cannot both pass.
      if (o.running.has(cluster)) return null;
      o.running.add(cluster);
      const target: LeaseTarget = {
        api: o.api,
        namespace: o.namespace,
        name: actionLeaseName(o.prefix, cluster),
        holder: o.holder,
        durationSeconds: o.durationSeconds,
        labels: o.labels,
        annotations: { "vnode-console/cluster": cluster },
      };
      let taken = false;
      try {
        taken = await tryTakeLease(target);
      } finally {
        if (!taken) o.running.delete(cluster);
      }
      if (!taken) return null;
      const renewing = setInterval(
        () =>
          void renewLease(target).then(
            (held) => held || console.error(`action lock: the Lease ${o.namespace}/${target.name} of cluster ${cluster} was lost while its action ran`),
            (error) => console.error(`action lock: could not renew the Lease ${o.namespace}/${target.name} (${(error as Error).message})`),
          ),
        (o.durationSeconds * 1000) / 3,
      );
      renewing.unref?.();
      return async () => {
        clearInterval(renewing);
        // The Lease is given up before this process forgets the action: a new action here must not find it still held.
        await releaseLease(target).catch((error) => console.error(`action lock: could not release the Lease ${o.namespace}/${target.name} (${(error as Error).message})`));
        o.running.delete(cluster);
      };
    },
  };
}
