// End to end against a real kube-apiserver: official SDK clients only (RAM, CS, ECI via callApi),
// the emulator's Kubernetes-backed agent applying ack-virtual-node into the sandbox cluster.
// Needs SANDBOX_KUBECONFIG (the sandbox's <stateDir>/kubeconfig).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as $Cs from "@alicloud/cs20151215";
import * as $Ram from "@alicloud/ram20150501";
import { CoreV1Api, KubeConfig, KubernetesObjectApi, type KubernetesObject } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CloudEmulator, startCloudEmulator } from "@/sandbox/cloud/index";
import { callEci, clients, errorOf, waitFor } from "./helpers";

const kubeconfigPath = process.env.SANDBOX_KUBECONFIG;
if (!kubeconfigPath)
  throw new Error("SANDBOX_KUBECONFIG is not set: start the sandbox (npx tsx sandbox/cli.ts --state-dir DIR) and set SANDBOX_KUBECONFIG=DIR/kubeconfig to run this test.");

const kc = new KubeConfig();
kc.loadFromFile(kubeconfigPath);
const objects = KubernetesObjectApi.makeApiClient(kc);
const core = kc.makeApiClient(CoreV1Api);

const ADDON_OBJECTS: KubernetesObject[] = [
  { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "virtual-kubelet", namespace: "kube-system" } },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "ack-virtual-node-clusterrole" } },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: "virtual-kubelet" } },
  { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "ack-virtual-node-controller", namespace: "kube-system" } },
  { apiVersion: "v1", kind: "Service", metadata: { name: "vk-webhook", namespace: "kube-system" } },
  { apiVersion: "admissionregistration.k8s.io/v1", kind: "MutatingWebhookConfiguration", metadata: { name: "vk-webhook" } },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "eci-profile", namespace: "kube-system" } },
];

async function exists(ref: KubernetesObject): Promise<boolean> {
  try {
    await objects.read(ref as KubernetesObject & { metadata: { name: string } });
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 404) return false;
    throw e;
  }
}

let dir: string;
let emu: CloudEmulator;
let createdSecret: KubernetesObject | undefined;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cloud-int-"));
  emu = await startCloudEmulator({ stateDir: dir, fresh: true, port: 0, clusters: [{ name: "sandbox", kubeconfigPath }] });
  // Start from a clean cluster: a previous run may have been interrupted.
  for (const ref of ADDON_OBJECTS) if (await exists(ref)) await objects.delete(ref);
  await waitFor(async () => ((await Promise.all(ADDON_OBJECTS.map(exists))).some(Boolean) ? undefined : true), 30_000);
});
afterAll(async () => {
  if (createdSecret) await objects.delete(createdSecret);
  await emu?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("ack-virtual-node on the registered sandbox cluster", () => {
  test("grant, install, verify in the cluster, re-install, uninstall", async () => {
    const admin = clients(emu);
    const clusterId = emu.clusters[0].clusterId;

    // 1. The permission grant, as the console does it: RAM user, custom policy, attachment, AccessKey.
    const policy = JSON.stringify({
      Version: "1",
      Statement: [{ Effect: "Allow", Action: ["eci:CreateContainerGroup", "eci:DeleteContainerGroup", "eci:DescribeContainerGroups"], Resource: ["*"] }],
    });
    await admin.ram.createUser(new $Ram.CreateUserRequest({ userName: "ack-virtual-node-addon" }));
    await admin.ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: "ack-virtual-node-eci", policyDocument: policy }));
    await admin.ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "ack-virtual-node-addon", policyName: "ack-virtual-node-eci", policyType: "Custom" }));
    const key = (await admin.ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "ack-virtual-node-addon" }))).body!.accessKey!;
    const addonKeys = { accessKeyId: key.accessKeyId!, accessKeySecret: key.accessKeySecret! };

    // The console stores the AccessKey in alibaba-addon-secret; uninstall must leave it alone.
    const secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "alibaba-addon-secret", namespace: "kube-system" },
      stringData: { "access-key-id": addonKeys.accessKeyId, "access-key-secret": addonKeys.accessKeySecret },
    };
    if (await exists(secret)) await objects.replace(secret);
    else {
      await objects.create(secret);
      createdSecret = secret;
    }

    // 2. Install through ACK's API and wait for the task.
    const inst = await admin.cs.installClusterAddons(
      clusterId,
      new $Cs.InstallClusterAddonsRequest({ body: [new $Cs.InstallClusterAddonsRequestBody({ name: "ack-virtual-node" })] }),
    );
    const task = await waitFor(async () => {
      const t = (await admin.cs.describeTaskInfo(inst.body!.taskId!)).body!;
      return t.state === "running" ? undefined : t;
    }, 60_000);
    expect(task.error).toBeUndefined();
    expect(task.state).toBe("success");

    // 3. The objects are in the cluster, filled with the cluster's network.
    for (const ref of ADDON_OBJECTS) expect(await exists(ref), `${ref.kind}/${ref.metadata!.name}`).toBe(true);
    const detail = (await admin.cs.describeClusterDetail(clusterId)).body!;
    const cm = await core.readNamespacedConfigMap({ name: "eci-profile", namespace: "kube-system" });
    expect(cm.data).toMatchObject({ vpcId: detail.vpcId, vSwitchIds: detail.vswitchIds!.join(","), securityGroupId: detail.securityGroupId });
    const mwc = (await objects.read({
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "MutatingWebhookConfiguration",
      metadata: { name: "vk-webhook" },
    })) as KubernetesObject & { webhooks: { failurePolicy: string; clientConfig: { url: string } }[] };
    expect(mwc.webhooks[0]).toMatchObject({ failurePolicy: "Ignore", clientConfig: { url: "https://127.0.0.1:1/mutate" } });
    const deploy = (await objects.read(ADDON_OBJECTS[3] as KubernetesObject & { metadata: { name: string } })) as KubernetesObject & {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(deploy.spec.template.spec.containers[0].image).toMatch(/\/acs\/virtual-nodes-eci:v2\.13\.0-aliyun$/);

    // Installed state comes from the cluster.
    expect((await admin.cs.listClusterAddonInstances(clusterId)).body?.addons).toEqual([expect.objectContaining({ name: "ack-virtual-node", state: "active" })]);

    // 4. Re-install is idempotent and keeps the user's eci-profile edits.
    await core.patchNamespacedConfigMap({ name: "eci-profile", namespace: "kube-system", body: [{ op: "replace", path: "/data/selectors", value: "[]" }] });
    const again = await admin.cs.installClusterAddons(
      clusterId,
      new $Cs.InstallClusterAddonsRequest({ body: [new $Cs.InstallClusterAddonsRequestBody({ name: "ack-virtual-node" })] }),
    );
    await waitFor(async () => ((await admin.cs.describeTaskInfo(again.body!.taskId!)).body!.state === "success" ? true : undefined), 60_000);
    expect((await core.readNamespacedConfigMap({ name: "eci-profile", namespace: "kube-system" })).data?.selectors).toBe("[]");

    // 5. The add-on's AccessKey may call ECI; a user without ECI permission may not.
    expect((await callEci(emu, "DescribeContainerGroups", { RegionId: "cn-hangzhou" }, addonKeys)).TotalCount).toBe(0);
    await admin.ram.createUser(new $Ram.CreateUserRequest({ userName: "no-eci" }));
    const nk = (await admin.ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "no-eci" }))).body!.accessKey!;
    expect(
      await errorOf(() =>
        callEci(
          emu,
          "CreateContainerGroup",
          { RegionId: "cn-hangzhou", ContainerGroupName: "x", "Container.1.Name": "c", "Container.1.Image": "busybox" },
          { accessKeyId: nk.accessKeyId!, accessKeySecret: nk.accessKeySecret! },
        ),
      ),
    ).toMatchObject({ code: "Forbidden.RAM", statusCode: 403 });

    // 6. Uninstall removes the objects but not alibaba-addon-secret.
    const un = await admin.cs.unInstallClusterAddons(
      clusterId,
      new $Cs.UnInstallClusterAddonsRequest({ addons: [new $Cs.UnInstallClusterAddonsRequestAddons({ name: "ack-virtual-node", cleanupCloudResources: false })] }),
    );
    const unTask = await waitFor(async () => {
      const t = (await admin.cs.describeTaskInfo(un.body!.taskId!)).body!;
      return t.state === "running" ? undefined : t;
    }, 60_000);
    expect(unTask.state).toBe("success");
    await waitFor(async () => ((await Promise.all(ADDON_OBJECTS.map(exists))).some(Boolean) ? undefined : true), 30_000);
    expect(await exists(secret)).toBe(true);
    expect((await admin.cs.listClusterAddonInstances(clusterId)).body?.addons).toEqual([]);
  }, 180_000);
});
