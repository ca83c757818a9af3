// Rotating the add-on's AccessKey while ECI pods are being created: the console writes the new key, rolls the
// controller onto it (its pods read the key only at start), and deletes the old key only then. No creation fails,
// and one key is left.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listCalls } from "@/sandbox/cloud/admin-client";
import { installAddon } from "@/sandbox/virtual-kubelet/addon-install";
import { attachVirtualNodeEnv, removeVirtualNodes, type VirtualNodeEnv, waitForSchedulable, waitForWebhook } from "@/sandbox/virtual-kubelet/testing/setup";
import { eventually, kubectl, kubectlJson } from "./kubectl";
import { pointConsoleAtSandbox } from "./console-env";

const info = inject("sandbox");
const { kubeconfig, clusters } = info;
pointConsoleAtSandbox(info, "console-rotation");
const { automaticGrant, addonRamUserName } = await import("@/lib/server/automatic-grant");
const { listAccessKeys } = await import("@/lib/alicloud/ram");

const cluster = clusters![0].context;
const ackClusterId = clusters![0].clusterId;
const ns = `rotate-${Date.now()}`;
const PODS = 24;
let env: VirtualNodeEnv;

const secretKeyId = async () =>
  Buffer.from((await kubectlJson(kubeconfig, "-n", "kube-system", "get", "secret", "alibaba-addon-secret")).data["access-key-id"], "base64").toString();

beforeAll(async () => {
  env = await attachVirtualNodeEnv(info);
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
  const first = await automaticGrant({ cluster, ackClusterId, who: "it", replaceExisting: true, rotate: false });
  expect(first.kind).toBe("done");
  const vsw = env.vSwitches[0];
  await installAddon(env.cloud, env.clusterId, { vSwitchIds: vsw.vSwitchId });
  await waitForSchedulable(env, [`virtual-kubelet-${vsw.zoneId}`]);
  await waitForWebhook(env);
  await kubectl(kubeconfig, "create", "namespace", ns);
  await eventually("the default ServiceAccount", () => kubectl(kubeconfig, "-n", ns, "get", "sa", "default").then(() => true));
}, 180_000);

afterAll(async () => {
  await kubectl(kubeconfig, "delete", "namespace", ns, "--wait=true", "--timeout=90s").catch((e) => console.error(e));
  await removeVirtualNodes(env);
  await env.teardown();
}, 180_000);

describe("AccessKey rotation under load", () => {
  it("creates every ECI pod while the key rotates, and leaves exactly the new key", async () => {
    const before = await secretKeyId();
    const started = Date.now();
    // Pods keep coming during the whole rotation: one every 150 ms.
    const creating = (async () => {
      for (let i = 0; i < PODS; i++) {
        await kubectl(kubeconfig, "-n", ns, "run", `p${i}`, "--image", "nginx", "-l", "alibabacloud.com/eci=true");
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();
    const rotated = await automaticGrant({ cluster, ackClusterId, who: "it", replaceExisting: false, rotate: true });
    await creating;
    expect(rotated).toMatchObject({ kind: "done", warning: undefined });
    if (rotated.kind !== "done") return;
    expect(rotated.changes.join("\n")).toContain("restarted ack-virtual-node-controller onto the new key");

    const after = await secretKeyId();
    expect(after).not.toBe(before);
    expect((await listAccessKeys(addonRamUserName(ackClusterId))).map((k) => k.accessKeyId)).toEqual([after]);

    const pods = await eventually(
      `${PODS} pods Running on ECI`,
      async () => {
        const list = (await kubectlJson(kubeconfig, "-n", ns, "get", "pods")).items as any[];
        return list.length === PODS && list.every((p) => p.status.phase === "Running" && p.metadata.annotations?.["k8s.aliyun.com/eci-instance-id"]) ? list : undefined;
      },
      90_000,
      250,
    ).catch(async (error) => {
      const list = (await kubectlJson(kubeconfig, "-n", ns, "get", "pods")).items as any[];
      // A count line first: vitest's colour codes run into the first line after its "stderr |" header, so a reader
      // (or a grep for ^p) easily misses the first pod.
      console.error(
        `${list.length} of ${PODS} pods in ${ns}:\n${list.map((p) => `  ${p.metadata.name} ${p.status.phase} node=${p.spec.nodeName} eci=${p.metadata.annotations?.["k8s.aliyun.com/eci-instance-id"] ?? "none"} ${JSON.stringify(p.status.conditions?.filter((c: any) => c.status !== "True"))}`).join("\n")}`,
      );
      console.error((await kubectl(kubeconfig, "-n", "kube-system", "get", "pods,events", "-o", "wide")).slice(-4000));
      // Who deleted or evicted a pod, and which were admitted unmutated: the test namespace's events.
      console.error(
        (
          await kubectl(
            kubeconfig,
            "-n",
            ns,
            "get",
            "events",
            "--sort-by=.lastTimestamp",
            "-o",
            "custom-columns=LAST:.lastTimestamp,REASON:.reason,OBJECT:.involvedObject.name,SOURCE:.source.component,MESSAGE:.message",
          )
        ).slice(-6000),
      );
      throw error;
    });
    const failedCreations = pods.filter((p) => p.status.conditions?.some((c: any) => c.type === "ContainerInstanceCreated" && c.status === "False"));
    expect(failedCreations.map((p) => p.metadata.name)).toEqual([]);

    // Which key signed each ECI creation: the old key until the new controller pod took over, then only the new one;
    // the cloud refused none of them.
    const creates = (await listCalls(info.cloud!)).filter((c) => c.product === "eci" && c.action === "CreateContainerGroup" && Date.parse(c.time) >= started);
    expect(creates.length).toBeGreaterThanOrEqual(PODS);
    expect(creates.filter((c) => c.accessKeyId !== before && c.accessKeyId !== after)).toEqual([]);
    expect(creates.filter((c) => c.status >= 400)).toEqual([]);
  }, 240_000);
});
