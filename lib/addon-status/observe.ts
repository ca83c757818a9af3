import "server-only";
import { deriveAddonState, maskAccessKeyId, type AddonState, type ObservedAddon } from "@/lib/addon";
import { describeAddonTask, getAddonInstance, listAddonCatalog } from "@/lib/alicloud/ack-addon";
import { cloudConfigured } from "@/lib/alicloud/clients";
import { readConsoleConfig } from "@/lib/console-config/store";
import { readAddonSecretInfo } from "@/lib/k8s/addon-secret";
import { listVirtualNodes, readAddonController, recentControllerWarnings } from "@/lib/k8s/addon-objects";
import { getConsoleCluster } from "@/lib/k8s/clusters";
import type { AddonStatus } from "./types";

export type { AddonStatus };

/** Reads the add-on's state fresh from ACK and the cluster on every call: a reload or a restart shows the truth. */
export async function observeAddon(clusterId: string): Promise<AddonStatus | null> {
  const cluster = await getConsoleCluster(clusterId);
  if (!cluster) return null;
  const problems: string[] = [];
  const { link } = cluster;
  const taskRef = (await readConsoleConfig()).addonTasks[clusterId];
  const canAskCloud = Boolean(link && cloudConfigured());
  const settle = <T,>(what: string, p: Promise<T>, fallback: T) => p.catch((e: Error) => (problems.push(`${what}: ${e.message.split("\n")[0]}`), fallback));
  const [instance, latestTask, controller, virtualNodes, secret, catalog, controllerWarnings] = await Promise.all([
    canAskCloud ? settle("ACK add-on instance", getAddonInstance(link!.ackClusterId, link!.regionId), null) : Promise.resolve(null),
    canAskCloud && taskRef ? settle("ACK task", describeAddonTask(taskRef.taskId, link!.regionId), null) : Promise.resolve(null),
    settle("controller Deployment", readAddonController(clusterId), null),
    settle("virtual nodes", listVirtualNodes(clusterId), []),
    settle("alibaba-addon-secret", readAddonSecretInfo(clusterId), { exists: false, hasAccessKeySecret: false } as Awaited<ReturnType<typeof readAddonSecretInfo>>),
    canAskCloud ? settle("ACK add-on catalog", listAddonCatalog(link!.ackClusterId, link!.regionId), []) : Promise.resolve([]),
    settle("controller events", recentControllerWarnings(clusterId), []),
  ]);
  const observed: ObservedAddon = {
    instance,
    latestTask,
    controller,
    virtualNodes,
    secret: secret.exists ? { hasAccessKeyId: Boolean(secret.accessKeyId), hasAccessKeySecret: secret.hasAccessKeySecret } : null,
  };
  return {
    cluster: clusterId,
    link: link && { ackClusterId: link.ackClusterId, regionId: link.regionId },
    cloudConfigured: cloudConfigured(),
    state: deriveAddonState(observed),
    secret: { exists: secret.exists, accessKeyId: secret.accessKeyId && maskAccessKeyId(secret.accessKeyId), writtenBy: secret.writtenBy, writtenAt: secret.writtenAt },
    virtualNodes,
    taskId: latestTask?.state === "running" ? latestTask.taskId : undefined,
    catalog,
    controllerWarnings: controller ? controllerWarnings : [],
    problems,
  };
}
