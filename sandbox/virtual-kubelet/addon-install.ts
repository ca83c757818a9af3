// The user's side of ack-virtual-node in a registered cluster (S-reg steps 1-2), through the official SDK clients
// against the cloud emulator: a RAM user with an AccessKey, the alibaba-addon-secret Secret, InstallClusterAddons
// and UnInstallClusterAddons. Used by the integration tests and the 500-pod bench; nothing in the controller uses it.
import Cs, * as $Cs from "@alicloud/cs20151215";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import Ram, * as $Ram from "@alicloud/ram20150501";
import { CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { type AccessKey, CloudClient } from "./cloud-client";
import { ADDON_SECRET, NAMESPACE } from "./constants";

export interface CloudAccount {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  regionId: string;
}

// The packages are CommonJS; under native ESM the client class may sit on .default.
function ctor<T>(mod: unknown): new (config: $OpenApiUtil.Config) => T {
  const m = mod as { default?: { default?: unknown } };
  return (typeof m === "function" ? m : (m.default?.default ?? m.default)) as new (
    config: $OpenApiUtil.Config,
  ) => T;
}
const config = (cloud: CloudAccount, key: AccessKey = cloud) =>
  new $OpenApiUtil.Config({
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    endpoint: cloud.endpoint,
    protocol: "http",
    regionId: cloud.regionId,
    readTimeout: 15_000,
    connectTimeout: 5_000,
  });
export const ramClient = (cloud: CloudAccount) => new (ctor<Ram>(Ram))(config(cloud));
export const csClient = (cloud: CloudAccount) => new (ctor<Cs>(Cs))(config(cloud));

/** Creates a RAM user with `policies` (System policies) and an AccessKey for it, as the console's "grant" would. */
export async function createRamUserKey(cloud: CloudAccount, userName: string, policies = ["AliyunECIFullAccess"]): Promise<AccessKey> {
  const ram = ramClient(cloud);
  await ram.createUser(new $Ram.CreateUserRequest({ userName }));
  for (const policyName of policies) await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyName, policyType: "System", userName }));
  const key = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName }))).body?.accessKey;
  return { accessKeyId: key!.accessKeyId!, accessKeySecret: key!.accessKeySecret! };
}

/** `kubectl -n kube-system create secret generic alibaba-addon-secret --from-literal=access-key-id=... ...`, or replaces it. */
export async function writeAddonSecret(kubeConfig: KubeConfig, key: AccessKey) {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const body = {
    metadata: { name: ADDON_SECRET, namespace: NAMESPACE },
    type: "Opaque",
    stringData: { "access-key-id": key.accessKeyId, "access-key-secret": key.accessKeySecret },
  };
  try {
    await core.createNamespacedSecret({ namespace: NAMESPACE, body });
  } catch (error) {
    if ((error as { code?: number }).code !== 409) throw error;
    await core.replaceNamespacedSecret({ name: ADDON_SECRET, namespace: NAMESPACE, body });
  }
}

async function waitForTask(cs: Cs, taskId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const task = (await cs.describeTaskInfo(taskId)).body;
    if (task?.state === "success") return;
    if (task?.state === "fail") throw new Error(`task ${taskId} failed: ${task.error?.message ?? "unknown error"}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`task ${taskId} did not finish within ${timeoutMs} ms`);
}

/** InstallClusterAddons ack-virtual-node (config: vSwitchIds etc.), waiting for the task to succeed. */
export async function installAddon(cloud: CloudAccount, clusterId: string, addonConfig?: { vSwitchIds?: string; vpcId?: string; securityGroupId?: string }) {
  const cs = csClient(cloud);
  const body = [new $Cs.InstallClusterAddonsRequestBody({ name: "ack-virtual-node", ...(addonConfig ? { config: JSON.stringify(addonConfig) } : {}) })];
  const res = await cs.installClusterAddons(clusterId, new $Cs.InstallClusterAddonsRequest({ body }));
  await waitForTask(cs, res.body!.taskId!);
}

export async function uninstallAddon(cloud: CloudAccount, clusterId: string, cleanupCloudResources = false) {
  const cs = csClient(cloud);
  const addons = [new $Cs.UnInstallClusterAddonsRequestAddons({ name: "ack-virtual-node", cleanupCloudResources })];
  const res = await cs.unInstallClusterAddons(clusterId, new $Cs.UnInstallClusterAddonsRequest({ addons }));
  await waitForTask(cs, res.body!.taskId!);
}

/** The account's vSwitches in the region (admin key): to pick eci-profile vSwitchIds. */
export function listVSwitches(cloud: CloudAccount) {
  return new CloudClient(cloud.endpoint, cloud.regionId, cloud).describeVSwitches([]);
}
