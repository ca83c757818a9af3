// The add-on controller gets its AccessKey the way the real Deployment gives it: env secretKeyRef to
// kube-system/alibaba-addon-secret, resolved when its pod starts. A rotated Secret does not reach the running pod;
// `kubectl rollout restart` makes the controller-manager roll a new ReplicaSet whose pod reads it, and the controller
// switches to that key once the new pod is Ready. Which key signed each ECI call is read from the cloud emulator's
// call log (like ActionTrail's AccessKeyId of an event).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listCalls } from "@/sandbox/cloud/admin-client";
import { createRamUserKey, installAddon, writeAddonSecret } from "@/sandbox/virtual-kubelet/addon-install";
import type { AccessKey } from "@/sandbox/virtual-kubelet/cloud-client";
import {
  attachVirtualNodeEnv,
  controllerPods,
  removeVirtualNodes,
  restartController,
  type VirtualNodeEnv,
  waitForSchedulable,
  waitForWebhook,
} from "@/sandbox/virtual-kubelet/testing/setup";
import { eventually, kubectl, kubectlJson } from "./kubectl";

const info = inject("sandbox");
const { kubeconfig } = info;
const stamp = Date.now();
const ns = `vk-creds-${stamp}`;
const extraSecret = `vk-extra-${stamp}`;
let env: VirtualNodeEnv;
let keyA: AccessKey;
let keyB: AccessKey;

beforeAll(async () => {
  env = await attachVirtualNodeEnv(info);
  keyA = await createRamUserKey(env.cloud, `vk-creds-a-${stamp}`);
  keyB = await createRamUserKey(env.cloud, `vk-creds-b-${stamp}`);
  await writeAddonSecret(env.kubeConfig, keyA);
  const vsw = env.vSwitches[0];
  await installAddon(env.cloud, env.clusterId, { vSwitchIds: vsw.vSwitchId });
  await waitForSchedulable(env, [`virtual-kubelet-${vsw.zoneId}`]);
  await waitForWebhook(env);
  await kubectl(kubeconfig, "create", "namespace", ns);
  await eventually("the default ServiceAccount", () => kubectl(kubeconfig, "-n", ns, "get", "sa", "default").then(() => true));
});

afterAll(async () => {
  await kubectl(kubeconfig, "delete", "namespace", ns, "--wait=true", "--timeout=60s").catch((e) => console.error(e));
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", extraSecret, "--ignore-not-found").catch((e) => console.error(e));
  await removeVirtualNodes(env);
  await env.teardown();
});

/** An ECI pod (labelled, so vk-webhook sends it to the virtual node), Running. */
async function runEciPod(name: string) {
  await kubectl(kubeconfig, "-n", ns, "run", name, "--image", "nginx", "-l", "alibabacloud.com/eci=true");
  return eventually(
    `${name} Running on ECI`,
    async () => {
      const p = await kubectlJson(kubeconfig, "-n", ns, "get", "pod", name);
      return p.status.phase === "Running" && p.metadata.annotations?.["k8s.aliyun.com/eci-instance-id"] ? p : undefined;
    },
    30_000,
    200,
  );
}

/** The AccessKey ids that signed ECI calls (any action) at or after `since`, by action. */
async function eciSigners(since: number) {
  const calls = (await listCalls(info.cloud!)).filter((c) => c.product === "eci" && Date.parse(c.time) >= since);
  return { creates: calls.filter((c) => c.action === "CreateContainerGroup").map((c) => c.accessKeyId), all: calls.map((c) => c.accessKeyId), calls };
}

describe("the add-on controller's AccessKey comes from its pod's env", () => {
  it("rotating the Secret does not reach the running controller (ECI calls stay signed with key A); after kubectl rollout restart the new pod's controller signs with key B", async () => {
    const original = (await controllerPods(env)).map((p) => p.metadata!.uid);
    expect(original).toHaveLength(1);
    const rotatedAt = Date.now();
    await writeAddonSecret(env.kubeConfig, keyB);
    await runEciPod("before-restart");
    const before = await eciSigners(rotatedAt);
    expect(before.creates.length).toBeGreaterThanOrEqual(1);
    expect(new Set(before.creates)).toEqual(new Set([keyA.accessKeyId]));
    expect(before.all).not.toContain(keyB.accessKeyId);
    // Still the same pod: nothing restarted it.
    expect((await controllerPods(env)).map((p) => p.metadata!.uid)).toEqual(original);

    // kubectl -n kube-system rollout restart deploy/ack-virtual-node-controller, then until the new pod alone is left.
    const fresh = await restartController(env, kubeconfig);
    expect(original).not.toContain(fresh.metadata!.uid);
    const readyAt = Date.parse(fresh.status!.conditions!.find((c) => c.type === "Ready")!.lastTransitionTime as unknown as string);

    const restartedAt = Date.now();
    await runEciPod("after-restart");
    const after = await eciSigners(restartedAt);
    expect(after.creates.length).toBeGreaterThanOrEqual(1);
    expect(new Set(after.creates)).toEqual(new Set([keyB.accessKeyId]));
    // B was used only once the new pod was Ready (its condition has second precision).
    const firstB = (await eciSigners(rotatedAt)).calls.find((c) => c.accessKeyId === keyB.accessKeyId)!;
    expect(Date.parse(firstB.time)).toBeGreaterThanOrEqual(Math.floor(readyAt / 1000) * 1000);
  });

  it("a rollout whose new pod cannot start (CreateContainerConfigError: non-optional secretKeyRef to a missing Secret) never takes over; once it starts, the controller switches to its key", async () => {
    const [old] = await controllerPods(env);
    await writeAddonSecret(env.kubeConfig, keyA);
    // A template change, as any edit of the Deployment would be: a new ReplicaSet and pod.
    const patch = [{ op: "add", path: "/spec/template/spec/containers/0/env/-", value: { name: "EXTRA", valueFrom: { secretKeyRef: { name: extraSecret, key: "k" } } } }];
    await kubectl(kubeconfig, "-n", "kube-system", "patch", "deploy/ack-virtual-node-controller", "--type=json", "-p", JSON.stringify(patch));
    const stuck = await eventually(
      "the new pod in CreateContainerConfigError",
      async () => {
        const pod = (await controllerPods(env)).find((p) => p.metadata!.uid !== old.metadata!.uid);
        return pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason === "CreateContainerConfigError" ? pod : undefined;
      },
      30_000,
      200,
    );
    expect(stuck.status!.containerStatuses![0].state!.waiting!.message).toBe(`secret "${extraSecret}" not found`);
    expect(stuck.status!.phase).toBe("Pending");
    expect(await kubectl(kubeconfig, "-n", "kube-system", "get", "pod", stuck.metadata!.name!, "--no-headers")).toMatch(/\s0\/1\s+CreateContainerConfigError\s/);

    // The old pod still runs the controller, with the key it started with (B), although the Secret now holds A.
    const duringAt = Date.now();
    await runEciPod("during-rollout");
    expect(new Set((await eciSigners(duringAt)).creates)).toEqual(new Set([keyB.accessKeyId]));
    expect((await controllerPods(env)).some((p) => p.metadata!.uid === old.metadata!.uid && p.status?.phase === "Running" && !p.metadata!.deletionTimestamp)).toBe(true);

    // The missing Secret appears: the kubelet's retry starts the container, the rollout completes, the controller switches.
    await kubectl(kubeconfig, "-n", "kube-system", "create", "secret", "generic", extraSecret, "--from-literal=k=v");
    await kubectl(kubeconfig, "-n", "kube-system", "rollout", "status", "deploy/ack-virtual-node-controller", "--timeout=60s");
    await eventually(
      "only the new pod left",
      async () => {
        const pods = await controllerPods(env);
        return pods.length === 1 && pods[0].metadata!.uid === stuck.metadata!.uid ? true : undefined;
      },
      30_000,
      200,
    );
    await waitForWebhook(env);
    const switchedAt = Date.now();
    await runEciPod("after-switch");
    expect(new Set((await eciSigners(switchedAt)).creates)).toEqual(new Set([keyA.accessKeyId]));
  });
});
