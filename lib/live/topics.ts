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
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(63).optional(),
  labelSelector: z.string().max(1024).optional(),
  fieldSelector: z.string().max(1024).optional(),
});

export type Topic = z.infer<typeof topicSchema>;

/** Stable identity of a topic, used as the hub's key and the stream's routing key. */
export function topicKey(t: Topic): string {
  return JSON.stringify([t.cluster, t.resource, t.namespace ?? "", t.labelSelector ?? "", t.fieldSelector ?? ""]);
}
