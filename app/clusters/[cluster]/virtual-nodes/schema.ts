import { z } from "zod";
import { vmsg } from "@/lib/i18n/zod";

export const namespaceEciSchema = z.object({
  cluster: z.string().min(1, vmsg("validation.clusters.pickCluster")),
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, vmsg("validation.namespaceName"))
    .max(63),
  enabled: z.boolean(),
});

export type NamespaceEciInput = z.infer<typeof namespaceEciSchema>;
