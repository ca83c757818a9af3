import type { V1Node } from "@kubernetes/client-node";
import { toNodeSummary, type NodeSummary } from "@/lib/node-summary";
import { toNamespaceView, type NamespaceView } from "./namespace-view";
import { toPodView, type PodView } from "./pod-view";
import type { LiveResource } from "./topics";

/** Every live item carries its uid: the browser's caches are keyed by it. */
export interface ViewByResource {
  pods: PodView;
  nodes: NodeSummary & { uid: string };
  namespaces: NamespaceView;
  configmaps: { uid: string; name: string; namespace: string; resourceVersion: string; data: Record<string, string> };
  deployments: { uid: string; name: string; namespace: string; replicas: number; readyReplicas: number; image?: string; labels: Record<string, string> };
}

// biome-ignore lint/suspicious/noExplicitAny: plain JSON from the apiserver, checked per field
type Raw = any;

export const toView: { [R in LiveResource]: (raw: Raw) => ViewByResource[R] } = {
  pods: toPodView,
  nodes: (raw) => ({ uid: raw.metadata.uid, ...toNodeSummary(raw as V1Node) }),
  namespaces: toNamespaceView,
  configmaps: (raw) => ({ uid: raw.metadata.uid, name: raw.metadata.name, namespace: raw.metadata.namespace, resourceVersion: raw.metadata.resourceVersion, data: raw.data ?? {} }),
  deployments: (raw) => ({
    uid: raw.metadata.uid,
    name: raw.metadata.name,
    namespace: raw.metadata.namespace,
    replicas: raw.spec?.replicas ?? 0,
    readyReplicas: raw.status?.readyReplicas ?? 0,
    image: raw.spec?.template?.spec?.containers?.[0]?.image,
    labels: raw.metadata.labels ?? {},
  }),
};
