import { z } from "zod";
import { vmsg } from "@/lib/i18n/zod";

export const ackClusterIdSchema = z.string().regex(/^c[a-z0-9]{10,40}$/, vmsg("validation.clusters.ackClusterId"));
export const regionIdSchema = z.string().regex(/^[a-z]{2,3}-[a-z0-9-]+$/, vmsg("validation.clusters.regionId"));

/** How a kube context maps to its ACK One registered cluster. */
export const clusterLinkSchema = z.object({
  ackClusterId: ackClusterIdSchema,
  regionId: regionIdSchema,
  linkedBy: z.enum(["auto", "user"]),
});

/** The last add-on task the console started per cluster: only a pointer; its state is always read from ACK. */
export const addonTaskRefSchema = z.object({ taskId: z.string(), kind: z.enum(["install", "uninstall"]), startedAt: z.string() });

export const consoleConfigSchema = z.object({
  links: z.record(z.string(), clusterLinkSchema).default({}),
  addonTasks: z.record(z.string(), addonTaskRefSchema).default({}),
});

export type ClusterLink = z.infer<typeof clusterLinkSchema>;
export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;
