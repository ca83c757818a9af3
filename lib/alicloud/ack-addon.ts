import "server-only";
import { taskKindOf, type ObservedAddonInstance, type ObservedAddonTask } from "@/lib/addon";
import { ConsoleError, words } from "@/lib/errors";
import { csApi, csClient } from "./clients";

export const ADDON_NAME = "ack-virtual-node";
const code = (error: unknown) => (error as { code?: string })?.code ?? "";

/** GetClusterAddonInstance; null when ACK says the add-on is not installed. */
export async function getAddonInstance(clusterId: string, regionId: string): Promise<ObservedAddonInstance | null> {
  try {
    const client = await csClient(regionId);
    const body = (await client.getClusterAddonInstance(clusterId, ADDON_NAME)).body;
    return { name: body?.name, version: body?.version, state: body?.state };
  } catch (error) {
    if (code(error).includes("NotFound")) return null;
    throw error;
  }
}

export async function describeAddonTask(taskId: string, regionId: string): Promise<ObservedAddonTask | null> {
  try {
    const client = await csClient(regionId);
    const body = (await client.describeTaskInfo(taskId)).body;
    if (!body) return null;
    return {
      taskId,
      taskType: body.taskType,
      kind: taskKindOf(body.taskType) ?? "install",
      state: body.state ?? "running",
      currentStage: body.currentStage,
      stages: body.stages?.map((s) => ({ state: s.state, message: s.message })),
      error: body.error ? { code: body.error.code, message: body.error.message } : undefined,
      created: body.created,
      updated: body.updated,
    };
  } catch (error) {
    if (code(error).includes("NotFound")) return null;
    throw error;
  }
}

export async function installAddon(clusterId: string, regionId: string): Promise<string> {
  const { client, sdk: $Cs } = await csApi(regionId);
  const request = new $Cs.InstallClusterAddonsRequest({ body: [new $Cs.InstallClusterAddonsRequestBody({ name: ADDON_NAME })] });
  const body = (await client.installClusterAddons(clusterId, request)).body;
  if (!body?.taskId) throw new ConsoleError({ code: "NoTaskId", title: words("server.cloud.noTaskId", { kind: "install" }), whatToDo: words("server.cloud.retryOrReport") });
  return body.taskId;
}

export async function uninstallAddon(clusterId: string, regionId: string): Promise<string> {
  const { client, sdk: $Cs } = await csApi(regionId);
  const request = new $Cs.UnInstallClusterAddonsRequest({ addons: [new $Cs.UnInstallClusterAddonsRequestAddons({ name: ADDON_NAME, cleanupCloudResources: false })] });
  const body = (await client.unInstallClusterAddons(clusterId, request)).body;
  if (!body?.taskId) throw new ConsoleError({ code: "NoTaskId", title: words("server.cloud.noTaskId", { kind: "uninstall" }), whatToDo: words("server.cloud.retryOrReport") });
  return body.taskId;
}

export interface CatalogEntry {
  name: string;
  version?: string;
  category?: string;
}

/** The add-ons ACK offers for the cluster (ListAddons). */
export async function listAddonCatalog(clusterId: string, regionId: string): Promise<CatalogEntry[]> {
  const { client, sdk: $Cs } = await csApi(regionId);
  const body = (await client.listAddons(new $Cs.ListAddonsRequest({ clusterId, regionId }))).body;
  return (body?.addons ?? []).map((a) => ({ name: a.name!, version: a.version, category: a.category }));
}
