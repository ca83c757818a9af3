// Uninstall through UnInstallClusterAddons: the controller pod goes, leases stop, the virtual nodes turn NotReady
// within seconds (controller-manager grace 16 s here); ECI container groups of running pods stay in the cloud, as
// documented for registered clusters; `kubectl delete node` removes a virtual node.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { uninstallAddon } from "@/sandbox/virtual-kubelet/addon-install";
import { attachVirtualNodeEnv, installVirtualNodes, removeVirtualNodes, type VirtualNodeEnv } from "@/sandbox/virtual-kubelet/testing/setup";
import { eventually, kubectl, kubectlJson } from "./kubectl";

const info = inject("sandbox");
const { kubeconfig } = info;
let env: VirtualNodeEnv;
let names: string[];
const ns = `vk-uninstall-${Date.now()}`;

beforeAll(async () => {
  env = await attachVirtualNodeEnv(info);
  names = await installVirtualNodes(
    env,
    `vk-uninstall-${Date.now()}`,
    env.vSwitches.slice(0, 2).map((v) => v.vSwitchId),
  );
  await kubectl(kubeconfig, "create", "namespace", ns);
  await kubectl(kubeconfig, "label", "namespace", ns, "alibabacloud.com/eci=true");
  await eventually("the default ServiceAccount", () => kubectl(kubeconfig, "-n", ns, "get", "sa", "default").then(() => true));
});

afterAll(async () => {
  await kubectl(kubeconfig, "delete", "namespace", ns, "--wait=false").catch((e) => console.error(e));
  await removeVirtualNodes(env);
  await env.teardown();
});

describe("uninstalling ack-virtual-node", () => {
  it("nodes go NotReady within seconds, ECI instances stay, kubectl delete node removes a virtual node", async () => {
    await kubectl(kubeconfig, "-n", ns, "create", "deployment", "web", "--image", "nginx", "--replicas", "2");
    const pods = await eventually(
      "2 ECI pods Running",
      async () => {
        const list = await kubectlJson(kubeconfig, "-n", ns, "get", "pods");
        const ok = list.items.filter((p: any) => p.status.phase === "Running" && p.metadata.annotations?.["k8s.aliyun.com/eci-instance-id"]);
        return ok.length === 2 ? ok : undefined;
      },
      20_000,
    );
    const ids: string[] = pods.map((p: any) => p.metadata.annotations["k8s.aliyun.com/eci-instance-id"]);

    const started = Date.now();
    await uninstallAddon(env.cloud, env.clusterId);
    await eventually(
      "the controller pod gone",
      async () => {
        const list = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "pods", "-l", "app=ack-virtual-node-controller");
        return list.items.length === 0 ? true : undefined;
      },
      20_000,
    );
    await eventually(
      "every virtual node NotReady",
      async () => {
        const out = await kubectl(kubeconfig, "get", "no", "--no-headers");
        const lines = out.split("\n").filter((l) => l.startsWith("virtual-kubelet-"));
        return lines.length === names.length && lines.every((l) => /\sNotReady\s/.test(l)) ? true : undefined;
      },
      40_000,
      250,
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`virtual nodes NotReady ${seconds.toFixed(1)} s after UnInstallClusterAddons`);
    expect(seconds).toBeLessThan(35);
    const node = await kubectlJson(kubeconfig, "get", "node", names[0]);
    expect(node.status.conditions.find((c: any) => c.type === "Ready")).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown" });

    for (const id of ids) expect(await env.eci.describeContainerGroup(id)).toMatchObject({ Status: "Running" });
    await expect(kubectl(kubeconfig, "get", "mutatingwebhookconfiguration", "vk-webhook")).rejects.toThrow(/NotFound/);

    for (const name of names) await kubectl(kubeconfig, "delete", "node", name);
    await expect(kubectl(kubeconfig, "get", "node", names[0])).rejects.toThrow(/NotFound/);
    // Their pods are garbage-collected by kube-controller-manager later (pod GC quarantine, ~40 s); the ECI
    // instances remain regardless, until someone deletes them in the cloud.
    for (const id of ids) expect(await env.eci.describeContainerGroup(id)).toMatchObject({ Status: "Running" });
    // An unlabelled pod in a labelled namespace is no longer steered to ECI: the webhook is gone.
    await kubectl(kubeconfig, "-n", ns, "run", "after", "--image", "nginx");
    const after = await eventually(
      "a pod created after the uninstall Running",
      async () => {
        const p = await kubectlJson(kubeconfig, "-n", ns, "get", "pod", "after");
        return p.status.phase === "Running" ? p : undefined;
      },
      20_000,
    );
    expect(info.nodes).toContain(after.spec.nodeName);
    await uninstallAddon(env.cloud, env.clusterId);
  });
});
