"use server";

import { defineAction } from "@/lib/server/guard";
import { setNamespaceEci as labelNamespace } from "@/lib/server/namespaces";
import { namespaceEciSchema } from "./schema";

/** Labels (or unlabels) a namespace `alibabacloud.com/eci=true`, so its new pods go to virtual nodes. */
export const setNamespaceEci = defineAction({
  action: (input) => (input.enabled ? "label-namespace-eci" : "unlabel-namespace-eci"),
  // Kubernetes decides: the label is written as the person (impersonated), so their RBAC allows or refuses it.
  permission: "view",
  schema: namespaceEciSchema,
  target: (input) => `namespace/${input.namespace}`,
  errorContext: (input) => ({ action: "patch namespaces", resource: `namespace/${input.namespace}` }),
  async run({ input, cluster, as }) {
    const message = await labelNamespace(cluster.id, input.namespace, input.enabled, as);
    return { data: { namespace: input.namespace, enabled: input.enabled }, message };
  },
});
