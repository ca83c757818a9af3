// Integration-test setup for the virtual-node tests: attaches to the shared sandbox (its cloud emulator and
// simulation when the launcher runs them, else starts its own), grants and installs ack-virtual-node the way a user
// would, and waits for the virtual nodes. Test-only; the controller never imports it.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AdmissionregistrationV1Api, CoreV1Api, KubeConfig, type V1Node } from "@kubernetes/client-node";
import type { SandboxInfo } from "../../sandbox-info";
import { waitFor } from "../../ports";
import { type CloudAccount, createRamUserKey, installAddon, listVSwitches, uninstallAddon, writeAddonSecret } from "../addon-install";
import { CloudClient } from "../cloud-client";
import { ADDON_SECRET, CONTROLLER_DEPLOYMENT, CONTROLLER_LABEL, NAMESPACE, NODE_PREFIX, WEBHOOK_CONFIG } from "../constants";
import { simulationRunning, startVirtualKubeletSimulation, type VirtualKubeletSimulation } from "../index";
import { startVirtualNodeStack } from "../stack";

export interface VirtualNodeEnv {
  cloud: CloudAccount;
  clusterId: string;
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  vSwitches: { vSwitchId: string; zoneId: string; cidrBlock: string }[];
  /** ECI as the account admin sees it (to check container groups). */
  eci: CloudClient;
  teardown(): Promise<void>;
}

const log = (line: string) => process.env.SANDBOX_DEBUG && console.error(`[vk] ${line}`);

export async function attachVirtualNodeEnv(info: SandboxInfo): Promise<VirtualNodeEnv> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(info.kubeconfig);
  const cleanups: (() => Promise<unknown>)[] = [];
  let cloud: CloudAccount;
  let clusterId: string;
  if (info.cloud && info.clusters?.length) {
    cloud = info.cloud;
    clusterId = info.clusters[0].clusterId;
    if (!(await simulationRunning(info.stateDir))) {
      const sim: VirtualKubeletSimulation = await startVirtualKubeletSimulation({ kubeConfig, cloudEndpoint: cloud.endpoint, stateDir: info.stateDir, log });
      cleanups.push(() => sim.stop());
    }
  } else {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), "vk-cloud-"));
    const stack = await startVirtualNodeStack({ kubeconfigPath: info.kubeconfig, stateDir, log });
    cloud = { endpoint: stack.cloud.endpoint, accessKeyId: stack.cloud.accessKeyId, accessKeySecret: stack.cloud.accessKeySecret, regionId: stack.cloud.regionId };
    clusterId = stack.clusterId;
    cleanups.push(
      () => stack.stop(),
      () => rm(stateDir, { recursive: true, force: true }),
    );
  }
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const vSwitches = await listVSwitches(cloud);
  return {
    cloud,
    clusterId,
    kubeConfig,
    core,
    vSwitches,
    eci: new CloudClient(cloud.endpoint, cloud.regionId, cloud),
    async teardown() {
      for (const c of cleanups) await c().catch((e) => console.error(`teardown: ${e}`));
    },
  };
}

/** RAM user + Secret + InstallClusterAddons with `vSwitchIds`, then waits for one schedulable virtual node per zone. */
export async function installVirtualNodes(env: VirtualNodeEnv, userName: string, vSwitchIds: string[]) {
  await writeAddonSecret(env.kubeConfig, await createRamUserKey(env.cloud, userName));
  await installAddon(env.cloud, env.clusterId, { vSwitchIds: vSwitchIds.join(",") });
  const zones = [...new Set(vSwitchIds.map((id) => env.vSwitches.find((v) => v.vSwitchId === id)!.zoneId))];
  const names = zones.map((z) => `${NODE_PREFIX}-${z}`);
  await waitForSchedulable(env, names);
  await waitForWebhook(env);
  return names;
}

export const isReady = (n: V1Node) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

export async function waitForSchedulable(env: VirtualNodeEnv, names: string[], timeoutMs = 60_000) {
  await waitFor(
    `virtual nodes ${names.join(", ")} Ready and schedulable`,
    async () => {
      const nodes = await Promise.all(names.map((name) => env.core.readNode({ name })));
      return nodes.every((n) => isReady(n) && !n.spec?.taints?.some((t) => t.key.startsWith("node.kubernetes.io/")));
    },
    timeoutMs,
    200,
  );
}

/** vk-webhook points at a live server: a server-side dry run of a labelled pod comes back mutated. */
export async function waitForWebhook(env: VirtualNodeEnv, namespace = "default") {
  await waitFor(
    "vk-webhook to mutate a labelled probe pod",
    async () => {
      const pod = await env.core.createNamespacedPod({
        namespace,
        dryRun: "All",
        body: { metadata: { generateName: "vk-probe-", labels: { "alibabacloud.com/eci": "true" } }, spec: { containers: [{ name: "c", image: "probe" }] } },
      });
      return pod.spec?.nodeSelector?.type === "virtual-kubelet";
    },
    30_000,
    200,
  );
}

function kubectl(kubeconfig: string, ...args: string[]) {
  return new Promise<string>((resolve, reject) =>
    execFile("kubectl", args, { env: { ...process.env, KUBECONFIG: kubeconfig } }, (error, stdout, stderr) =>
      error ? reject(new Error(`kubectl ${args.join(" ")}: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
}

/** The add-on's controller pods (any state), oldest first. */
export async function controllerPods(env: VirtualNodeEnv) {
  const pods = (await env.core.listNamespacedPod({ namespace: NAMESPACE, labelSelector: CONTROLLER_LABEL })).items;
  return pods.sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)));
}

/**
 * `kubectl -n kube-system rollout restart deploy/ack-virtual-node-controller` (what makes the controller read
 * alibaba-addon-secret again), then `kubectl rollout status`, then waits until only the new pod is left and vk-webhook
 * answers. Resolves the new pod.
 */
export async function restartController(env: VirtualNodeEnv, kubeconfig: string) {
  const before = new Set((await controllerPods(env)).map((p) => p.metadata!.uid));
  await kubectl(kubeconfig, "-n", NAMESPACE, "rollout", "restart", `deploy/${CONTROLLER_DEPLOYMENT}`);
  await kubectl(kubeconfig, "-n", NAMESPACE, "rollout", "status", `deploy/${CONTROLLER_DEPLOYMENT}`, "--timeout=90s");
  let fresh: Awaited<ReturnType<typeof controllerPods>>[number] | undefined;
  await waitFor(
    "the old controller pod to be gone and the new one Ready",
    async () => {
      const pods = await controllerPods(env);
      fresh = pods.find((p) => !before.has(p.metadata!.uid));
      return pods.length === 1 && fresh !== undefined && fresh.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;
    },
    60_000,
    200,
  );
  // The new pod's controller serves vk-webhook again (pods created in between would not be sent to ECI: failurePolicy Ignore).
  await waitForWebhook(env);
  return fresh!;
}

/** Uninstalls the add-on (if installed), deletes the virtual nodes and the Secret: the cluster as it was. */
export async function removeVirtualNodes(env: VirtualNodeEnv) {
  await uninstallAddon(env.cloud, env.clusterId).catch((e) => console.error(`uninstall: ${e}`));
  const nodes = await env.core.listNode();
  for (const n of nodes.items) if (n.metadata!.name!.startsWith(`${NODE_PREFIX}-`)) await env.core.deleteNode({ name: n.metadata!.name! }).catch(() => {});
  await env.core.deleteNamespacedSecret({ name: ADDON_SECRET, namespace: NAMESPACE }).catch(() => {});
  await env.kubeConfig
    .makeApiClient(AdmissionregistrationV1Api)
    .deleteMutatingWebhookConfiguration({ name: WEBHOOK_CONFIG })
    .catch(() => {});
}

export const ipInCidr = (ip: string, cidr: string) => {
  const toN = (s: string) => s.split(".").reduce((a, o) => a * 256 + Number(o), 0);
  const [base, bits] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  return toN(ip) >= toN(base) && toN(ip) < toN(base) + size;
};
