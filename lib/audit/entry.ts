import { z } from "zod";

export const auditEntrySchema = z.object({
  at: z.string(),
  cluster: z.string(),
  who: z.string(),
  /** The person behind `who` (OIDC): the provider's subject, display name, groups; the client's address. */
  subject: z.string().optional(),
  displayName: z.string().optional(),
  groups: z.array(z.string()).optional(),
  client: z.string().optional(),
  action: z.string(),
  target: z.string(),
  result: z.enum(["succeeded", "failed", "unchanged"]),
  message: z.string(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
