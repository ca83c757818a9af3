import { z } from "zod";
import { vmsg } from "@/lib/i18n/zod";

const cluster = z.string().min(1, vmsg("validation.clusters.pickCluster"));

/** Where the add-on's key may be used from: addresses become /32 blocks. Absent: leave the current limit as it is. */
export const sourceCidrsSchema = z
  .array(
    z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        // `received` fills the message's {received}: the entry that is wrong, as typed.
        if (!z.ipv4().safeParse(v).success && !z.cidrv4().safeParse(v).success)
          ctx.addIssue({ code: "custom", message: vmsg("validation.clusters.sourceCidr"), input: v, received: v });
      })
      .transform((v) => (v.includes("/") ? v : `${v}/32`)),
  )
  .max(20, vmsg("validation.clusters.tooManySources"))
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
    .regex(/^LTAI[A-Za-z0-9]{8,40}$/, vmsg("validation.clusters.accessKeyId")),
  accessKeySecret: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{20,64}$/, vmsg("validation.clusters.accessKeySecret")),
  replaceExisting: z.boolean().default(false),
  sourceCidrs: sourceCidrsSchema,
});

export const addonOperationSchema = z.object({ cluster });

export const deleteVirtualNodesSchema = z.object({
  cluster,
  names: z
    .array(z.string().regex(/^virtual-kubelet-[a-z0-9-]+$/, vmsg("validation.clusters.onlyVirtualNodes")))
    .min(1, vmsg("validation.clusters.pickVirtualNode"))
    .max(50),
});

export type ManualGrantInput = z.input<typeof manualGrantSchema>;
