import "server-only";
// kube-system/eci-profile with its resourceVersion. Writes are optimistic: the replace carries the version the
// form was loaded at, so a change made meanwhile (kubectl edit, another console tab) makes the apiserver answer
// 409 Conflict instead of being overwritten; the caller then gets the current object to show the other change.
import { CoreV1Api, type V1ConfigMap } from "@kubernetes/client-node";
import type { EciProfileSnapshot } from "@/lib/eci-profile";
import { apiClient, type ImpersonatedUser } from "./api-client";

export const ECI_PROFILE = { namespace: "kube-system", name: "eci-profile" } as const;

export type WriteOutcome =
  | { kind: "written"; snapshot: EciProfileSnapshot }
  | { kind: "unchanged"; snapshot: EciProfileSnapshot }
  /** The ConfigMap changed since `expectedVersion`; `current` is what it holds now (undefined: it was deleted). */
  | { kind: "conflict"; current?: EciProfileSnapshot };

const core = (cluster: string, as?: ImpersonatedUser) => apiClient(cluster, CoreV1Api, { as });
const isCode = (error: unknown, code: number) => (error as { code?: number })?.code === code;
const snapshotOf = (cm: V1ConfigMap): EciProfileSnapshot => ({ resourceVersion: cm.metadata?.resourceVersion ?? "", data: cm.data ?? {} });

async function readObject(cluster: string, as?: ImpersonatedUser): Promise<V1ConfigMap | undefined> {
  try {
    return await core(cluster, as).readNamespacedConfigMap(ECI_PROFILE);
  } catch (error) {
    if (isCode(error, 404)) return undefined;
    throw error;
  }
}

/** The ConfigMap now, or undefined when ack-virtual-node is not installed (it creates eci-profile). */
export async function readEciProfile(cluster: string, as?: ImpersonatedUser): Promise<EciProfileSnapshot | undefined> {
  const cm = await readObject(cluster, as);
  return cm && snapshotOf(cm);
}

/**
 * Replaces the data with `data` if the ConfigMap is still at `expectedVersion`. Labels, annotations and binaryData
 * are those of that version. `buildData` gets the data of that version (the base the form edited).
 */
export async function writeEciProfile(
  cluster: string,
  expectedVersion: string,
  buildData: (base: Record<string, string>) => Record<string, string>,
  as?: ImpersonatedUser,
): Promise<WriteOutcome> {
  const cm = await readObject(cluster, as);
  if (!cm) return { kind: "conflict" };
  if (cm.metadata?.resourceVersion !== expectedVersion) return { kind: "conflict", current: snapshotOf(cm) };
  const data = buildData(cm.data ?? {});
  if (sameData(cm.data ?? {}, data)) return { kind: "unchanged", snapshot: snapshotOf(cm) };
  try {
    // The body's resourceVersion is the precondition: the apiserver refuses the replace if it moved on.
    const written = await core(cluster, as).replaceNamespacedConfigMap({ ...ECI_PROFILE, body: { ...cm, metadata: { ...cm.metadata, resourceVersion: expectedVersion }, data } });
    return { kind: "written", snapshot: snapshotOf(written) };
  } catch (error) {
    // 404: deleted since the read (an uninstall); either way the user must look at what is there now.
    if (!isCode(error, 409) && !isCode(error, 404)) throw error;
    const current = await readEciProfile(cluster, as);
    return { kind: "conflict", current };
  }
}

function sameData(a: Record<string, string>, b: Record<string, string>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
