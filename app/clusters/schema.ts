import { z } from "zod";
import { ackClusterIdSchema, regionIdSchema } from "@/lib/console-config/schema";
import { vmsg } from "@/lib/i18n/zod";

export const linkClusterSchema = z.object({
  cluster: z.string().min(1, vmsg("validation.clusters.pickCluster")),
  ackClusterId: ackClusterIdSchema,
  regionId: regionIdSchema,
});
