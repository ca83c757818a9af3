import { z } from "zod";

const cluster = z.string().min(1, "Pick a cluster.");

export const automaticGrantSchema = z.object({
  cluster,
  replaceExisting: z.boolean().default(false),
  rotate: z.boolean().default(false),
});

export const manualGrantSchema = z.object({
  cluster,
  accessKeyId: z.string().trim().regex(/^LTAI[A-Za-z0-9]{8,40}$/, "An AccessKey ID starts with LTAI followed by letters and digits, for example LTAI5tXXXXXXXXXXXXXXXXXX."),
  accessKeySecret: z.string().trim().regex(/^[A-Za-z0-9]{20,64}$/, "An AccessKey secret is 20 to 64 letters and digits, with no spaces; copy it again from the RAM console."),
  replaceExisting: z.boolean().default(false),
});

export const addonOperationSchema = z.object({ cluster });

export const deleteVirtualNodesSchema = z.object({
  cluster,
  names: z.array(z.string().regex(/^virtual-kubelet-[a-z0-9-]+$/, "Only virtual nodes (virtual-kubelet-…) can be deleted here.")).min(1, "Pick at least one virtual node.").max(50),
});

export type ManualGrantInput = z.input<typeof manualGrantSchema>;
