"use server";

import { defineAction } from "@/lib/server/guard";
import { setNamespaceEci as labelNamespace } from "@/lib/server/namespaces";
import { namespaceEciSchema } from "./schema";

/** Labels (or unlabels) a namespace `alibabacloud.com/eci=true`, so its new pods go to virtual nodes. */
export const setNamespaceEci = defineAction({
  action: (input) => (input.enabled ? "label-namespace-eci" : "unlabel-namespace-eci"),
  permission: "operate",
  schema: namespaceEciSchema,
  target: (input) => `namespace/${input.namespace}`,
  errorContext: (input) => ({ action: "patch namespaces", resource: `namespace/${input.namespace}` }),
  async run({ input, cluster }) {
    const message = await labelNamespace(cluster.id, input.namespace, input.enabled);
    return { data: { namespace: input.namespace, enabled: input.enabled }, message };
  },
});
