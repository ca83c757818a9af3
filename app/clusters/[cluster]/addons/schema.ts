import { z } from "zod";

const cluster = z.string().min(1, "Pick a cluster.");

const SOURCE_HINT = "is not an IPv4 address or CIDR block; write it like 203.0.113.10 or 203.0.113.0/24";

/** Where the add-on's key may be used from: addresses become /32 blocks. Absent: leave the current limit as it is. */
export const sourceCidrsSchema = z
  .array(
    z
      .string()
      .trim()
      .refine((v) => z.ipv4().safeParse(v).success || z.cidrv4().safeParse(v).success, { error: (issue) => `${String(issue.input)} ${SOURCE_HINT}` })
      .transform((v) => (v.includes("/") ? v : `${v}/32`)),
  )
  .max(20, "At most 20 source networks.")
  .optional();

export const automaticGrantSchema = z.object({
  cluster,
  replaceExisting: z.boolean().default(false),
  rotate: z.boolean().default(false),
  sourceCidrs: sourceCidrsSchema,
});

export const manualGrantSchema = z.object({
  cluster,
  accessKeyId: z
    .string()
    .trim()
    .regex(/^LTAI[A-Za-z0-9]{8,40}$/, "An AccessKey ID starts with LTAI followed by letters and digits, for example LTAI5tXXXXXXXXXXXXXXXXXX."),
  accessKeySecret: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{20,64}$/, "An AccessKey secret is 20 to 64 letters and digits, with no spaces; copy it again from the RAM console."),
  replaceExisting: z.boolean().default(false),
  sourceCidrs: sourceCidrsSchema,
});

export const addonOperationSchema = z.object({ cluster });

export const deleteVirtualNodesSchema = z.object({
  cluster,
  names: z
    .array(z.string().regex(/^virtual-kubelet-[a-z0-9-]+$/, "Only virtual nodes (virtual-kubelet-…) can be deleted here."))
    .min(1, "Pick at least one virtual node.")
    .max(50),
});

export type ManualGrantInput = z.input<typeof manualGrantSchema>;
