import "server-only";
import { CoreV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { apiClient, type ImpersonatedUser } from "./api-client";

const mergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);

/** Sets (or with `value: null` removes) one label of a namespace; other labels are untouched. `as`: the person. */
export async function setNamespaceLabel(cluster: string, namespace: string, key: string, value: string | null, as?: ImpersonatedUser) {
  const core = apiClient(cluster, CoreV1Api, { as });
  await core.patchNamespace({ name: namespace, body: { metadata: { labels: { [key]: value } } } }, mergePatch);
}
