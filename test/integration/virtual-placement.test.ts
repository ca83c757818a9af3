// Which pods vk-webhook sends to ECI (pod label, namespace label, eci-profile selectors, nodeName) and what ECI
// gives them (container group in a vSwitch of the node's zone, IP from its CIDR, annotations); deletion deletes the
// container group; eci-profile edits apply to new pods without a restart.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { attachVirtualNodeEnv, installVirtualNodes, ipInCidr, removeVirtualNodes, type VirtualNodeEnv } from "@/sandbox/virtual-kubelet/testing/setup";
import { eventually, kubectl, kubectlJson } from "./kubectl";

const info = inject("sandbox");
const { kubeconfig } = info;
let env: VirtualNodeEnv;
let names: string[];
const ns = `vk-place-${Date.now()}`;
const namespaces = [ns];

beforeAll(async () => {
  env = await attachVirtualNodeEnv(info);
  names = await installVirtualNodes(
    env,
    `vk-place-${Date.now()}`,
    env.vSwitches.slice(0, 3).map((v) => v.vSwitchId),
  );
  await kubectl(kubeconfig, "create", "namespace", ns);
  await eventually("the default ServiceAccount", () => kubectl(kubeconfig, "-n", ns, "get", "sa", "default").then(() => true));
});

afterAll(async () => {
  for (const n of namespaces) await kubectl(kubeconfig, "delete", "namespace", n, "--wait=true", "--timeout=60s").catch((e) => console.error(e));
  await removeVirtualNodes(env);
  await env.teardown();
});

const running = (namespace: string, name: string, timeoutMs = 15_000) =>
  eventually(
    `pod ${namespace}/${name} Running with an IP`,
    async () => {
      const pod = await kubectlJson(kubeconfig, "-n", namespace, "get", "pod", name);
      return pod.status.phase === "Running" && pod.status.podIPs?.[0]?.ip ? pod : undefined;
    },
    timeoutMs,
  );

const vSwitchOf = (ip: string) => env.vSwitches.find((v) => ipInCidr(ip, v.cidrBlock));

async function expectOnEci(pod: any) {
  expect(names).toContain(pod.spec.nodeName);
  const zone = (await kubectlJson(kubeconfig, "get", "node", pod.spec.nodeName)).metadata.labels["topology.kubernetes.io/zone"];
  const id = pod.metadata.annotations["k8s.aliyun.com/eci-instance-id"];
  expect(id).toMatch(/^eci-/);
  expect(pod.metadata.annotations["k8s.aliyun.com/eci-instance-spec"]).toBeTruthy();
  expect(pod.status.conditions).toContainEqual(expect.objectContaining({ type: "ContainerInstanceCreated", status: "True" }));
  const group = await env.eci.describeContainerGroup(id);
  expect(group).toMatchObject({ Status: "Running", IntranetIp: pod.status.podIP });
  const vsw = vSwitchOf(pod.status.podIP)!;
  expect(vsw.vSwitchId).toBe(group!.VSwitchId);
  return { id, zone, vsw, group: group! };
}

describe("placement on virtual nodes", () => {
  it("kubectl run -l alibabacloud.com/eci=true: Running on a virtual node with an IP from that zone's vSwitch", async () => {
    await kubectl(kubeconfig, "-n", ns, "run", "nginx", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
    const pod = await running(ns, "nginx");
    const { zone, vsw } = await expectOnEci(pod);
    expect(vsw.zoneId).toBe(zone);
    expect(pod.spec.nodeSelector).toEqual({ type: "virtual-kubelet" });
    expect(pod.spec.tolerations).toContainEqual({ key: "virtual-kubelet.io/provider", operator: "Exists", effect: "NoSchedule" });
    const wide = await kubectl(kubeconfig, "-n", ns, "get", "pod", "nginx", "-o", "wide", "--no-headers");
    expect(wide).toMatch(/^nginx\s+1\/1\s+Running\s+0\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+virtual-kubelet-cn-hangzhou-[a-z]\s/);
  });

  it("a namespace labelled alibabacloud.com/eci=true sends its new pods to ECI", async () => {
    const vk = `vk-ns-${Date.now()}`;
    namespaces.push(vk);
    await kubectl(kubeconfig, "create", "ns", vk);
    await kubectl(kubeconfig, "label", "namespace", vk, "alibabacloud.com/eci=true");
    await eventually("the default ServiceAccount", () => kubectl(kubeconfig, "-n", vk, "get", "sa", "default").then(() => true));
    await kubectl(kubeconfig, "-n", vk, "run", "nginx", "--image", "nginx");
    await expectOnEci(await running(vk, "nginx"));
  });

  it("an unlabelled pod is left untouched and never lands on a virtual node", async () => {
    await kubectl(kubeconfig, "-n", ns, "run", "plain", "--image", "nginx");
    const pod = await running(ns, "plain");
    expect(info.nodes).toContain(pod.spec.nodeName);
    expect(pod.spec.nodeSelector).toBeUndefined();
    expect(pod.spec.tolerations.map((t: any) => t.key)).not.toContain("virtual-kubelet.io/provider");
    expect(pod.metadata.annotations?.["k8s.aliyun.com/eci-instance-id"]).toBeUndefined();
  });

  it("the seed's Deployment with nodeName set to a virtual node runs both replicas there", async () => {
    const node = names[1];
    const manifest = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "nginx-deployment-basic", namespace: ns, labels: { app: "nginx" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "nginx" } },
        template: {
          metadata: { labels: { app: "nginx" } },
          spec: { nodeName: node, containers: [{ name: "nginx", image: "nginx:1.7.9", ports: [{ containerPort: 80 }], resources: { limits: { cpu: "500m" } } }] },
        },
      },
    };
    await kubectlApply(manifest);
    const pods = await eventually(
      "2 Running replicas",
      async () => {
        const list = await kubectlJson(kubeconfig, "-n", ns, "get", "pods", "-l", "app=nginx");
        const ok = list.items.filter((p: any) => p.status.phase === "Running" && p.status.podIP);
        return ok.length === 2 ? ok : undefined;
      },
      20_000,
    );
    for (const pod of pods) {
      expect(pod.spec.nodeName).toBe(node);
      const { vsw } = await expectOnEci(pod);
      expect(vsw.zoneId).toBe(node.replace("virtual-kubelet-", ""));
      expect(pod.metadata.annotations["k8s.aliyun.com/eci-instance-spec"]).toBe("0.5-0.5Gi");
    }
  });

  it("deleting a pod deletes its container group", async () => {
    await kubectl(kubeconfig, "-n", ns, "run", "doomed", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
    const { id } = await expectOnEci(await running(ns, "doomed"));
    await kubectl(kubeconfig, "-n", ns, "delete", "pod", "doomed", "--wait=true", "--timeout=30s");
    expect(await env.eci.describeContainerGroup(id)).toBeUndefined();
  });

  it("k8s.aliyun.com/eci-vswitch picks the vSwitch", async () => {
    const target = env.vSwitches[2];
    await kubectlApply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "pinned", namespace: ns, labels: { "alibabacloud.com/eci": "true" }, annotations: { "k8s.aliyun.com/eci-vswitch": target.vSwitchId } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    const pod = await running(ns, "pinned");
    expect(ipInCidr(pod.status.podIP, target.cidrBlock)).toBe(true);
  });

  it("eci-profile selectors: AND within a selector, evaluated in order, effects only add", async () => {
    const team = `vk-team-${Date.now()}`;
    namespaces.push(team);
    await kubectl(kubeconfig, "create", "ns", team);
    await kubectl(kubeconfig, "label", "namespace", team, "team=blue");
    const selectors = [
      {
        name: "front",
        namespaceSelector: { matchLabels: { team: "blue" } },
        objectSelector: { matchLabels: { app: "web", tier: "front" } },
        effect: { annotations: { "k8s.aliyun.com/eci-use-specs": "4-8Gi" }, labels: { "created-by-eci": "front" } },
      },
      { name: "web", objectSelector: { matchLabels: { app: "web" } }, effect: { labels: { "created-by-eci": "web", "eci-selector": "web" } } },
    ];
    await patchProfile({ selectors: JSON.stringify(selectors) });
    await eventually(
      "vk-webhook to carry the selectors",
      async () => {
        const mwc = await kubectlJson(kubeconfig, "get", "mutatingwebhookconfiguration", "vk-webhook");
        return mwc.webhooks.length === 4 ? true : undefined;
      },
      10_000,
    );
    await eventually("the default ServiceAccount", () => kubectl(kubeconfig, "-n", team, "get", "sa", "default").then(() => true));

    // Matches both selectors: the first one's values win, the second adds what the first did not set.
    await kubectl(kubeconfig, "-n", team, "run", "both", "--image", "nginx", "-l", "app=web,tier=front");
    // tier=front alone is not enough for "front" (AND), but app=web matches "web".
    await kubectl(kubeconfig, "-n", ns, "run", "webonly", "--image", "nginx", "-l", "app=web,tier=front");
    // The pod's own label value wins over an effect.
    await kubectl(kubeconfig, "-n", ns, "run", "mine", "--image", "nginx", "-l", "app=web,created-by-eci=mine");
    // Matches nothing: untouched.
    await kubectl(kubeconfig, "-n", team, "run", "other", "--image", "nginx", "-l", "app=other");

    const both = await running(team, "both");
    expect(both.metadata.labels).toMatchObject({ "created-by-eci": "front", "eci-selector": "web" });
    expect(both.metadata.annotations["k8s.aliyun.com/eci-use-specs"]).toBe("4-8Gi");
    expect(both.metadata.annotations["k8s.aliyun.com/eci-instance-spec"]).toBe("4.0-8.0Gi");
    await expectOnEci(both);

    const webonly = await running(ns, "webonly");
    expect(webonly.metadata.labels).toMatchObject({ "created-by-eci": "web", "eci-selector": "web" });
    expect(webonly.metadata.annotations?.["k8s.aliyun.com/eci-use-specs"]).toBeUndefined();
    await expectOnEci(webonly);

    const mine = await running(ns, "mine");
    expect(mine.metadata.labels).toMatchObject({ "created-by-eci": "mine", "eci-selector": "web" });

    const other = await running(team, "other");
    expect(info.nodes).toContain(other.spec.nodeName);
    expect(other.metadata.labels["created-by-eci"]).toBeUndefined();
    await patchProfile({ selectors: "" });
  });

  it("an invalid eci-profile is not applied and says why in an Event", async () => {
    await patchProfile({ selectors: "[{not json" });
    const event = await eventually(
      "an InvalidEciProfile Event on eci-profile",
      async () => {
        const list = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "events", "--field-selector", "involvedObject.name=eci-profile,reason=InvalidEciProfile");
        return list.items[0];
      },
      10_000,
    );
    expect(event.message).toMatch(/selectors is not valid JSON/);
    await patchProfile({ selectors: "" });
  });

  it("an eci-profile vSwitchIds edit applies to new pods at once, without a restart", async () => {
    const profile = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "configmap", "eci-profile");
    const only = env.vSwitches[3];
    await patchProfile({ vSwitchIds: only.vSwitchId });
    try {
      await eventually(
        "the profile to be applied (a node for the new zone)",
        async () => {
          const node = await kubectlJson(kubeconfig, "get", "node", `virtual-kubelet-${only.zoneId}`).catch(() => undefined);
          return node ? true : undefined;
        },
        10_000,
      );
      await kubectl(kubeconfig, "-n", ns, "run", "moved", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
      const pod = await running(ns, "moved");
      expect(ipInCidr(pod.status.podIP, only.cidrBlock)).toBe(true);
    } finally {
      await patchProfile({ vSwitchIds: profile.data.vSwitchIds });
    }
  });
});

async function patchProfile(data: Record<string, string>) {
  await kubectl(kubeconfig, "-n", "kube-system", "patch", "configmap", "eci-profile", "--type", "merge", "-p", JSON.stringify({ data }));
}

async function kubectlApply(manifest: object) {
  const { writeFile, mkdtemp } = await import("node:fs/promises");
  const dir = await mkdtemp("/tmp/vk-manifest-");
  await writeFile(`${dir}/m.json`, JSON.stringify(manifest));
  await kubectl(kubeconfig, "apply", "-f", `${dir}/m.json`);
}
