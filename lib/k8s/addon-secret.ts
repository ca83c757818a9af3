import "server-only";
import { CoreV1Api } from "@kubernetes/client-node";
import { apiClient, type ImpersonatedUser } from "./api-client";

export const ADDON_SECRET_NAME = "alibaba-addon-secret";
const NAMESPACE = "kube-system";
const WRITTEN_BY = "vnode-console.dev/written-by";
const WRITTEN_AT = "vnode-console.dev/written-at";

/** What the console may show of the Secret: never the AccessKey secret. */
export interface AddonSecretInfo {
  exists: boolean;
  accessKeyId?: string;
  hasAccessKeySecret: boolean;
  writtenBy?: string;
  writtenAt?: string;
}

const decode = (value?: string) => (value ? Buffer.from(value, "base64").toString("utf8") : undefined);

export async function readAddonSecretInfo(cluster: string, as?: ImpersonatedUser): Promise<AddonSecretInfo> {
  const core = apiClient(cluster, CoreV1Api, { as });
  try {
    const secret = await core.readNamespacedSecret({ name: ADDON_SECRET_NAME, namespace: NAMESPACE });
    const annotations = secret.metadata?.annotations ?? {};
    return {
      exists: true,
      accessKeyId: decode(secret.data?.["access-key-id"]),
      hasAccessKeySecret: Boolean(secret.data?.["access-key-secret"]),
      writtenBy: annotations[WRITTEN_BY] ?? secret.metadata?.managedFields?.[0]?.manager,
      writtenAt: annotations[WRITTEN_AT] ?? (secret.metadata?.creationTimestamp as Date | undefined)?.toISOString?.(),
    };
  } catch (error) {
    if ((error as { code?: number }).code === 404) return { exists: false, hasAccessKeySecret: false };
    throw error;
  }
}

/** Creates or replaces the Secret the add-on reads its AccessKey from (`kubectl create secret generic` equivalent). */
export async function writeAddonSecret(cluster: string, keys: { accessKeyId: string; accessKeySecret: string }, writtenBy: string) {
  const core = apiClient(cluster, CoreV1Api);
  const body = {
    metadata: { name: ADDON_SECRET_NAME, namespace: NAMESPACE, annotations: { [WRITTEN_BY]: writtenBy, [WRITTEN_AT]: new Date().toISOString() } },
    type: "Opaque",
    stringData: { "access-key-id": keys.accessKeyId, "access-key-secret": keys.accessKeySecret },
  };
  try {
    await core.createNamespacedSecret({ namespace: NAMESPACE, body });
  } catch (error) {
    if ((error as { code?: number }).code !== 409) throw error;
    await core.replaceNamespacedSecret({ name: ADDON_SECRET_NAME, namespace: NAMESPACE, body });
  }
}

/** Deletes alibaba-addon-secret; "absent" when there was none. */
export async function deleteAddonSecret(cluster: string): Promise<"deleted" | "absent"> {
  try {
    await apiClient(cluster, CoreV1Api).deleteNamespacedSecret({ name: ADDON_SECRET_NAME, namespace: NAMESPACE });
    return "deleted";
  } catch (error) {
    if ((error as { code?: number }).code === 404) return "absent";
    throw error;
  }
}

/** The pair itself, only to prove it with STS (the doctor's check); never shown or logged. */
export async function readAddonSecretKeys(cluster: string): Promise<{ accessKeyId: string; accessKeySecret: string } | undefined> {
  try {
    const secret = await apiClient(cluster, CoreV1Api).readNamespacedSecret({ name: ADDON_SECRET_NAME, namespace: NAMESPACE });
    const accessKeyId = decode(secret.data?.["access-key-id"]);
    const accessKeySecret = decode(secret.data?.["access-key-secret"]);
    return accessKeyId && accessKeySecret ? { accessKeyId, accessKeySecret } : undefined;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  }
}
