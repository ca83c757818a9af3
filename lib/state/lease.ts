import { createHash } from "node:crypto";

/** What the console reads of a coordination.k8s.io Lease to decide whether it may take it. */
export interface LeaseRecord {
  holderIdentity?: string | null;
  /** client-node 2.0.1 types these as Date but hands MicroTime back as the apiserver's string. */
  renewTime?: Date | string | null;
  acquireTime?: Date | string | null;
  leaseDurationSeconds?: number | null;
}

/**
 * Whether `me` may take the Lease now: nobody holds it, its holder stopped renewing it (expired), or it names this
 * very pod but this process does not hold it (a previous run of the container that died mid-action).
 */
export function leaseIsFree(lease: LeaseRecord, me: string, nowMs: number): boolean {
  if (!lease.holderIdentity) return true;
  if (lease.holderIdentity === me) return true;
  const at = lease.renewTime ?? lease.acquireTime;
  const renewed = at ? new Date(at).getTime() : Number.NaN;
  if (Number.isNaN(renewed)) return true;
  return renewed + (lease.leaseDurationSeconds ?? 0) * 1000 <= nowMs;
}

/** A valid object name for the Lease of one cluster's actions (a kube context name may hold any character). */
export function actionLeaseName(prefix: string, cluster: string): string {
  const slug = cluster
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  const hash = createHash("sha256").update(cluster).digest("hex").slice(0, 8);
  return `${prefix}-action-${slug ? `${slug}-` : ""}${hash}`;
}
