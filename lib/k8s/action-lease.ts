import "server-only";
import type { CoordinationV1Api, V1Lease } from "@kubernetes/client-node";
import { leaseIsFree } from "@/lib/state/lease";

const codeOf = (error: unknown) => (error as { code?: number } | null)?.code;

/**
 * A Lease's times are MicroTime ("…05.000000Z"); client-node 2.0.1 sends a Date as toISOString's milliseconds, which
 * the apiserver refuses (400). This Date writes itself with microseconds.
 */
class MicroTime extends Date {
  toJSON() {
    return this.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
  }
}
const micro = (d: Date | string) => new MicroTime(new Date(d).getTime());
/** A Lease read back holds the times as strings (typed Date): written again, they must be MicroTimes too. */
const microTimes = (spec: V1Lease["spec"]) => ({
  ...spec,
  acquireTime: spec?.acquireTime ? micro(spec.acquireTime) : undefined,
  renewTime: spec?.renewTime ? micro(spec.renewTime) : undefined,
});

export interface LeaseTarget {
  api: CoordinationV1Api;
  namespace: string;
  name: string;
  /** holderIdentity: the pod's name. */
  holder: string;
  durationSeconds: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * Takes the Lease when it is free (see leaseIsFree), or returns false. Both paths are races decided by the apiserver:
 * a create that finds the Lease already made, or an update whose resourceVersion is stale, gets 409 and loses.
 */
export async function tryTakeLease(t: LeaseTarget, now = new Date()): Promise<boolean> {
  let current: V1Lease | null;
  try {
    current = await t.api.readNamespacedLease({ name: t.name, namespace: t.namespace });
  } catch (error) {
    if (codeOf(error) !== 404) throw error;
    current = null;
  }
  if (current && !leaseIsFree(current.spec ?? {}, t.holder, now.getTime())) return false;
  const transitions = (current?.spec?.leaseTransitions ?? 0) + (current?.spec?.holderIdentity ? 1 : 0);
  const body: V1Lease = {
    metadata: { name: t.name, namespace: t.namespace, labels: t.labels, annotations: t.annotations, resourceVersion: current?.metadata?.resourceVersion },
    spec: { holderIdentity: t.holder, leaseDurationSeconds: t.durationSeconds, acquireTime: micro(now), renewTime: micro(now), leaseTransitions: transitions },
  };
  try {
    if (current) await t.api.replaceNamespacedLease({ name: t.name, namespace: t.namespace, body });
    else await t.api.createNamespacedLease({ namespace: t.namespace, body });
    return true;
  } catch (error) {
    if (codeOf(error) === 409) return false;
    throw error;
  }
}

/** Moves renewTime forward while this holder still holds the Lease; false when it was lost (taken over, deleted). */
export async function renewLease(t: LeaseTarget, now = new Date()): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let current: V1Lease;
    try {
      current = await t.api.readNamespacedLease({ name: t.name, namespace: t.namespace });
    } catch (error) {
      if (codeOf(error) === 404) return false;
      throw error;
    }
    if (current.spec?.holderIdentity !== t.holder) return false;
    try {
      await t.api.replaceNamespacedLease({ name: t.name, namespace: t.namespace, body: { ...current, spec: { ...microTimes(current.spec), renewTime: micro(now) } } });
      return true;
    } catch (error) {
      if (codeOf(error) !== 409) throw error;
    }
  }
  return false;
}

/** Gives the Lease up (holder cleared) so the next action need not wait for it to expire; a lost Lease is left alone. */
export async function releaseLease(t: LeaseTarget): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let current: V1Lease;
    try {
      current = await t.api.readNamespacedLease({ name: t.name, namespace: t.namespace });
    } catch (error) {
      if (codeOf(error) === 404) return;
      throw error;
    }
    if (current.spec?.holderIdentity !== t.holder) return;
    try {
      await t.api.replaceNamespacedLease({
        name: t.name,
        namespace: t.namespace,
        body: { ...current, spec: { ...microTimes(current.spec), holderIdentity: undefined, renewTime: micro(new Date()) } },
      });
      return;
    } catch (error) {
      if (codeOf(error) !== 409) throw error;
    }
  }
}
