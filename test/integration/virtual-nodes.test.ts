// ack-virtual-node's virtual nodes in the sandbox: one per vSwitch zone while the controller runs with a usable
// AccessKey; NotReady with a reason (condition message + Event) when the Secret was missing when the controller pod
// started, or its key is rejected or lacks ECI permission. The key reaches the controller through its env, read when
// its pod starts: a Secret change takes effect after `kubectl rollout restart`.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createRamUserKey, writeAddonSecret } from "@/sandbox/virtual-kubelet/addon-install";
import { attachVirtualNodeEnv, installVirtualNodes, isReady, removeVirtualNodes, restartController, type VirtualNodeEnv } from "@/sandbox/virtual-kubelet/testing/setup";
import { eventually, kubectl, kubectlJson } from "./kubectl";

const info = inject("sandbox");
const { kubeconfig } = info;
let env: VirtualNodeEnv;
let names: string[];
let zones: string[];

beforeAll(async () => {
  env = await attachVirtualNodeEnv(info);
  const picked = env.vSwitches.slice(0, 3);
  zones = picked.map((v) => v.zoneId);
  names = await installVirtualNodes(
    env,
    `vk-nodes-${Date.now()}`,
    picked.map((v) => v.vSwitchId),
  );
});

afterAll(async () => {
  await removeVirtualNodes(env);
  await env.teardown();
});

/** "10k" → 10000: the apiserver canonicalizes quantities. */
const count = (q: string) => Number(q.replace(/k$/, "")) * (q.endsWith("k") ? 1000 : 1);
const readyCondition = (node: any) => node.status.conditions.find((c: any) => c.type === "Ready");

async function nodesNotReadyWith(reason: RegExp) {
  return eventually(
    `virtual nodes NotReady with a message matching ${reason}`,
    async () => {
      const nodes = await Promise.all(names.map((n) => kubectlJson(kubeconfig, "get", "node", n)));
      return nodes.every((n) => readyCondition(n).status === "False" && reason.test(readyCondition(n).message)) ? nodes : undefined;
    },
    20_000,
    200,
  );
}

async function nodeEvent(name: string, reason: string) {
  return eventually(
    `a ${reason} Event on node ${name}`,
    async () => {
      const list = await kubectlJson(kubeconfig, "get", "events", "-n", "default", "--field-selector", `involvedObject.kind=Node,involvedObject.name=${name},reason=${reason}`);
      return list.items[0];
    },
    10_000,
    200,
  );
}

describe("virtual nodes", () => {
  it("kubectl get no shows one Ready virtual node per vSwitch zone, ROLES agent", async () => {
    const lines = (await kubectl(kubeconfig, "get", "no", "--no-headers")).split("\n").filter((l) => l.includes("virtual-kubelet"));
    expect(lines.map((l) => l.split(/\s+/)[0]).sort()).toEqual(zones.map((z) => `virtual-kubelet-${z}`).sort());
    for (const line of lines) expect(line).toMatch(/^virtual-kubelet-cn-hangzhou-[a-z]\s+Ready\s+agent\s+\S+\s+v1\.\d+\.\d+-aliyun\.1$/);
  });

  it("labels, taints, capacity and lease are those of ack-virtual-node's nodes", async () => {
    for (const [i, name] of names.entries()) {
      const node = await kubectlJson(kubeconfig, "get", "node", name);
      expect(node.metadata.labels).toMatchObject({
        type: "virtual-kubelet",
        "kubernetes.io/role": "agent",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "topology.kubernetes.io/zone": zones[i],
        "topology.kubernetes.io/region": "cn-hangzhou",
      });
      expect(node.spec.taints).toContainEqual({ key: "virtual-kubelet.io/provider", value: "alibabacloud", effect: "NoSchedule" });
      expect(count(node.status.allocatable.pods)).toBeGreaterThanOrEqual(1000);
      expect(count(node.status.allocatable.cpu)).toBeGreaterThanOrEqual(1000);
    }
    const before = (await kubectlJson(kubeconfig, "-n", "kube-node-lease", "get", "lease", names[0])).spec.renewTime;
    await eventually(
      "the lease to be renewed",
      async () => {
        const lease = await kubectlJson(kubeconfig, "-n", "kube-node-lease", "get", "lease", names[0]);
        return lease.spec.renewTime !== before ? true : undefined;
      },
      15_000,
      500,
    );
  });

  const allReady = () =>
    eventually(
      "the nodes Ready again",
      async () => {
        const all = await Promise.all(names.map((n) => env.core.readNode({ name: n })));
        return all.every(isReady) ? true : undefined;
      },
      20_000,
      200,
    );
  const keyOf = (secret: any) => ({
    accessKeyId: Buffer.from(secret.data["access-key-id"], "base64").toString(),
    accessKeySecret: Buffer.from(secret.data["access-key-secret"], "base64").toString(),
  });

  it("deleting alibaba-addon-secret does not touch the running controller; a pod started without it turns the nodes NotReady (condition + Event); Secret back + restart: Ready", async () => {
    const secret = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "secret", "alibaba-addon-secret");
    await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret");
    // (That the running controller keeps its key is shown with signed ECI calls in sandbox-controller-credentials.test.ts.)
    const pod = await restartController(env, kubeconfig);
    const nodes = await nodesNotReadyWith(/Secret kube-system\/alibaba-addon-secret not found when the controller pod .* started.*rollout restart/);
    expect(readyCondition(nodes[0]).message).toContain(pod.metadata!.name!);
    expect(readyCondition(nodes[0]).reason).toBe("KubeletNotReady");
    expect((await nodeEvent(names[0], "SecretNotFound")).type).toBe("Warning");
    expect(await kubectl(kubeconfig, "get", "no", "--no-headers")).toMatch(/virtual-kubelet-\S+\s+NotReady\s+agent/);
    // The optional secretKeyRef lets the pod run without the variables, as the kubelet does.
    expect(pod.status?.phase).toBe("Running");

    await writeAddonSecret(env.kubeConfig, keyOf(secret));
    await restartController(env, kubeconfig);
    await allReady();
  });

  it("a key the cloud rejects, then a key without ECI permission, each after a restart: NotReady with the reason; a good key: Ready", async () => {
    const good = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "secret", "alibaba-addon-secret");
    await writeAddonSecret(env.kubeConfig, { accessKeyId: "LTAI5tNoSuchKeyAtAll000", accessKeySecret: "not-a-real-secret-value-000000" });
    await restartController(env, kubeconfig);
    await nodesNotReadyWith(/rejected the AccessKey.*InvalidAccessKeyId\.NotFound/);
    await nodeEvent(names[0], "InvalidAccessKey");

    const vpcOnly = await createRamUserKey(env.cloud, `vk-vpc-only-${Date.now()}`, ["AliyunVPCReadOnlyAccess"]);
    await writeAddonSecret(env.kubeConfig, vpcOnly);
    await restartController(env, kubeconfig);
    const nodes = await nodesNotReadyWith(/eci:DescribeContainerGroups was denied \(Forbidden\.RAM/);
    await nodeEvent(names[0], "NoPermission");
    // No secret material in what a user sees.
    expect(JSON.stringify(nodes)).not.toContain(vpcOnly.accessKeySecret);

    await writeAddonSecret(env.kubeConfig, keyOf(good));
    await restartController(env, kubeconfig);
    await allReady();
  });
});
