import { z } from "zod";

export const auditEntrySchema = z.object({
  at: z.string(),
  cluster: z.string(),
  who: z.string(),
  action: z.string(),
  target: z.string(),
  result: z.enum(["succeeded", "failed", "unchanged"]),
  message: z.string(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
