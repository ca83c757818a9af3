"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { words } from "@/lib/errors";
import { linkCluster as link } from "@/lib/server/clusters";
import { defineAction } from "@/lib/server/guard";
import { linkClusterSchema } from "./schema";

const linkAction = defineAction({
  action: "link-cluster",
  permission: "admin",
  schema: linkClusterSchema,
  target: (input) => `cluster/${input.cluster}`,
  async run({ input }) {
    await link(input.cluster, { ackClusterId: input.ackClusterId, regionId: input.regionId });
    revalidatePath("/clusters");
    return { data: { ackClusterId: input.ackClusterId }, message: words("server.linked", { cluster: input.cluster, ackClusterId: input.ackClusterId, regionId: input.regionId }) };
  },
});

/** Links a kube context to its ACK One registered cluster (ID and region), replacing an automatic match. */
export async function linkCluster(_prev: ActionResult<{ ackClusterId: string }> | null, form: FormData): Promise<ActionResult<{ ackClusterId: string }>> {
  return linkAction(Object.fromEntries(form));
}
