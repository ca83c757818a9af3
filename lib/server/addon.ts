import "server-only";
import { deriveAddonState, maskAccessKeyId, type AddonStatus, type ObservedAddon } from "@/lib/addon";
import { describeAddonTask, getAddonInstance, installAddon, uninstallAddon } from "@/lib/alicloud/ack-addon";
import { cloudConfigured } from "@/lib/alicloud/clients";
import { readConsoleConfig, updateConsoleConfig } from "./state";
import { errorSentence, explainError } from "@/lib/errors";
import { readAddonSecretInfo } from "@/lib/k8s/addon-secret";
import type { ImpersonatedUser } from "@/lib/k8s/api-client";
import { deleteVirtualNode, readAddonController, readAddonNodes, recentControllerWarnings } from "@/lib/k8s/addon-objects";
import { addonCatalog } from "./cloud";
import { findConsoleCluster, type ConsoleCluster } from "./clusters";
import { words, type Words } from "@/lib/errors";
import { currentTranslator } from "@/lib/i18n/locale-context";
import type { Messages } from "@/lib/i18n/messages";

/** Reads the add-on's state fresh from ACK and the cluster on every call: a reload or a restart shows the truth. */
/** `as`: the person looking (their Kubernetes reads are theirs); absent for the console's own checks. */
export async function observeAddon(clusterId: string, as?: ImpersonatedUser): Promise<AddonStatus | null> {
  const cluster = await findConsoleCluster(clusterId);
  if (!cluster) return null;
  const problems: string[] = [];
  const { link } = cluster;
  const taskRef = (await readConsoleConfig()).addonTasks[clusterId];
  const canAskCloud = Boolean(link && cloudConfigured());
  const t = currentTranslator();
  const settle = <T>(what: keyof Messages["server"]["addon"]["source"], p: Promise<T>, fallback: T) =>
    p.catch((e: unknown) => {
      problems.push(`${t(`server.addon.source.${what}`)}: ${errorSentence(explainError(e))}`);
      return fallback;
    });
  const [instance, latestTask, controller, nodes, secret, catalog, controllerWarnings] = await Promise.all([
    canAskCloud ? settle("instance", getAddonInstance(link!.ackClusterId, link!.regionId), null) : Promise.resolve(null),
    canAskCloud && taskRef ? settle("task", describeAddonTask(taskRef.taskId, link!.regionId), null) : Promise.resolve(null),
    settle("controller", readAddonController(clusterId, as), null),
    settle("nodes", readAddonNodes(clusterId, as), { virtualNodes: [], externalAddresses: [] }),
    settle("secret", readAddonSecretInfo(clusterId, as), { exists: false, hasAccessKeySecret: false } as Awaited<ReturnType<typeof readAddonSecretInfo>>),
    canAskCloud ? settle("catalog", addonCatalog(link!.ackClusterId, link!.regionId), []) : Promise.resolve([]),
    settle("events", recentControllerWarnings(clusterId, undefined, as), []),
  ]);
  const observed: ObservedAddon = {
    instance,
    latestTask,
    controller,
    virtualNodes: nodes.virtualNodes,
    secret: secret.exists ? { hasAccessKeyId: Boolean(secret.accessKeyId), hasAccessKeySecret: secret.hasAccessKeySecret } : null,
  };
  return {
    cluster: clusterId,
    link: link && { ackClusterId: link.ackClusterId, regionId: link.regionId },
    cloudConfigured: cloudConfigured(),
    state: deriveAddonState(observed, currentTranslator()),
    secret: { exists: secret.exists, accessKeyId: secret.accessKeyId && maskAccessKeyId(secret.accessKeyId), writtenBy: secret.writtenBy, writtenAt: secret.writtenAt },
    virtualNodes: nodes.virtualNodes,
    taskId: latestTask?.state === "running" ? latestTask.taskId : undefined,
    catalog,
    controllerWarnings: controller ? controllerWarnings : [],
    egressGuess: nodes.externalAddresses.map((ip) => `${ip}/32`),
    problems,
  };
}

export type AddonTaskOutcome = { taskId?: string; message: Words; changed: boolean };

/** InstallClusterAddons / UnInstallClusterAddons, unless the add-on is already where the user wants it. */
export async function runAddonTask(cluster: ConsoleCluster, kind: "install" | "uninstall"): Promise<AddonTaskOutcome> {
  const link = cluster.link!;
  const current = await observeAddon(cluster.id);
  const phase = current?.state.phase;
  if (kind === "install" && (phase === "installed" || phase === "installing")) {
    return {
      taskId: current?.taskId,
      changed: false,
      message: words(phase === "installed" ? "server.addon.alreadyInstalled" : "server.addon.installRunning"),
    };
  }
  if (kind === "uninstall" && (phase === "not-installed" || phase === "uninstalling")) {
    return {
      taskId: current?.taskId,
      changed: false,
      message: words(phase === "not-installed" ? "server.addon.notInstalled" : "server.addon.uninstallRunning"),
    };
  }
  const taskId = kind === "install" ? await installAddon(link.ackClusterId, link.regionId) : await uninstallAddon(link.ackClusterId, link.regionId);
  // Only a pointer: the task's state is always read from ACK, so a restart mid-install shows the truth.
  await updateConsoleConfig((c) => ({ ...c, addonTasks: { ...c.addonTasks, [cluster.id]: { taskId, kind, startedAt: new Date().toISOString() } } }));
  return {
    taskId,
    changed: true,
    message: words(kind === "install" ? "server.addon.installing" : "server.addon.uninstalling", { taskId }),
  };
}

export { deleteVirtualNode };
