import { z } from "zod";
import { ackClusterIdSchema, regionIdSchema } from "@/lib/console-config/schema";

export const linkClusterSchema = z.object({
  cluster: z.string().min(1, "Pick a cluster."),
  ackClusterId: ackClusterIdSchema,
  regionId: regionIdSchema,
});
