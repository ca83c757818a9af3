import { z } from "zod";

/** The resources the console follows live, and the API paths the hub lists and watches them at. */
export const LIVE_RESOURCES = {
  pods: { path: "/api/v1/pods" },
  nodes: { path: "/api/v1/nodes" },
  namespaces: { path: "/api/v1/namespaces" },
  configmaps: { path: "/api/v1/configmaps" },
  deployments: { path: "/apis/apps/v1/deployments" },
} as const;

export type LiveResource = keyof typeof LIVE_RESOURCES;

/** A topic is what one shared watch serves: (cluster, resource, selectors). Validated: it comes from the browser. */
export const topicSchema = z.object({
  cluster: z.string().min(1).max(253),
  resource: z.enum(Object.keys(LIVE_RESOURCES) as [LiveResource, ...LiveResource[]]),
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .max(63)
    .optional(),
  labelSelector: z.string().max(1024).optional(),
  fieldSelector: z.string().max(1024).optional(),
});

export type Topic = z.infer<typeof topicSchema>;

/** Stable identity of a topic, used as the hub's key and the stream's routing key. */
export function topicKey(t: Topic): string {
  return JSON.stringify([t.cluster, t.resource, t.namespace ?? "", t.labelSelector ?? "", t.fieldSelector ?? ""]);
}

/** The one ConfigMap the console follows live: the ECI profile of ack-virtual-node. No other ConfigMap is served. */
export const ECI_PROFILE_TOPIC = { resource: "configmaps", namespace: "kube-system", fieldSelector: "metadata.name=eci-profile" } as const;

/** Resources the UI follows for a whole cluster, with no namespace and no selector. */
const CLUSTER_WIDE: readonly LiveResource[] = ["pods", "nodes", "namespaces"];

/**
 * Why /api/stream refuses a topic, or undefined when it is one of the shapes the UI uses: pods, nodes or namespaces of
 * a whole cluster, and the ECI profile ConfigMap. Anything else (another ConfigMap, a namespace or selector the UI never
 * asks for, a resource it never shows) is refused with this sentence, so no watch is ever opened for it.
 */
export function refuseStreamTopic(topic: Topic): string | undefined {
  if (topic.resource === "configmaps") {
    const ok = topic.namespace === ECI_PROFILE_TOPIC.namespace && topic.fieldSelector === ECI_PROFILE_TOPIC.fieldSelector && !topic.labelSelector;
    return ok
      ? undefined
      : `ConfigMaps are served for ${ECI_PROFILE_TOPIC.namespace}/eci-profile only (namespace "kube-system", fieldSelector "${ECI_PROFILE_TOPIC.fieldSelector}", no labelSelector).`;
  }
  if (!CLUSTER_WIDE.includes(topic.resource)) return `"${topic.resource}" is not served live; live topics are ${CLUSTER_WIDE.join(", ")} and the ECI profile ConfigMap.`;
  for (const field of ["namespace", "labelSelector", "fieldSelector"] as const) {
    if (topic[field] !== undefined) return `${topic.resource} are served for a whole cluster only: ${field} "${topic[field]}" is not accepted.`;
  }
  return undefined;
}
