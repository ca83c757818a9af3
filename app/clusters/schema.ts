import { z } from "zod";
import { ackClusterIdSchema, regionIdSchema } from "@/lib/console-config/schema";

export const linkClusterSchema = z.object({
  context: z.string().min(1),
  ackClusterId: ackClusterIdSchema,
  regionId: regionIdSchema,
});
