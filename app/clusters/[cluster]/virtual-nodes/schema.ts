import { z } from "zod";

export const namespaceEciSchema = z.object({
  cluster: z.string().min(1, "Pick a cluster."),
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "A namespace name is lowercase letters, digits and '-'.")
    .max(63),
  enabled: z.boolean(),
});

export type NamespaceEciInput = z.infer<typeof namespaceEciSchema>;
