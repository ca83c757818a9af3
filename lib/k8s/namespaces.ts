import "server-only";
import { CoreV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { apiClient } from "./api-client";

const mergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);

/** Sets (or with `value: null` removes) one label of a namespace; other labels are untouched. */
export async function setNamespaceLabel(cluster: string, namespace: string, key: string, value: string | null) {
  const core = apiClient(cluster, CoreV1Api);
  await core.patchNamespace({ name: namespace, body: { metadata: { labels: { [key]: value } } } }, mergePatch);
}
