// Zone out of stock: the documented ContainerInstanceCreated reason (NoStock) and a retry in another zone; with no
// stock anywhere the pod waits in ContainerCreating and runs once a zone has stock again.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { attachVirtualNodeEnv, installVirtualNodes, ipInCidr, removeVirtualNodes, type VirtualNodeEnv } from "@/sandbox/virtual-kubelet/testing/setup";
import { eventually, kubectl, kubectlJson } from "./kubectl";

const info = inject("sandbox");
const { kubeconfig } = info;
let env: VirtualNodeEnv;
let names: string[];
const ns = `vk-failover-${Date.now()}`;

async function faults(body?: object) {
  const res = await fetch(`http://${env.cloud.endpoint}/__sandbox/faults`, {
    ...(body ? { method: "POST", body: JSON.stringify(body) } : { method: "DELETE" }),
    headers: { authorization: `Bearer ${env.cloud.accessKeySecret}` },
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  env = await attachVirtualNodeEnv(info);
  names = await installVirtualNodes(
    env,
    `vk-failover-${Date.now()}`,
    env.vSwitches.slice(0, 2).map((v) => v.vSwitchId),
  );
  await kubectl(kubeconfig, "create", "namespace", ns);
  await eventually("the default ServiceAccount", () => kubectl(kubeconfig, "-n", ns, "get", "sa", "default").then(() => true));
});

afterEach(() => faults());

afterAll(async () => {
  await kubectl(kubeconfig, "delete", "namespace", ns, "--wait=true", "--timeout=60s").catch((e) => console.error(e));
  await removeVirtualNodes(env);
  await env.teardown();
});

const condition = (pod: any) => pod.status.conditions?.find((c: any) => c.type === "ContainerInstanceCreated");

describe("ECI zone failover", () => {
  it("the node's zone out of stock: NoStock on the pod, then Running in the other zone", async () => {
    const [first, second] = env.vSwitches;
    await faults({ noStockZones: [first.zoneId] });
    // nodeName pins the pod to the out-of-stock zone's node, so its first attempt is there.
    await kubectl(kubeconfig, "-n", ns, "run", "burst", "--image", "nginx", "-l", "alibabacloud.com/eci=true", "--overrides", JSON.stringify({ spec: { nodeName: names[0] } }));
    const pod = await eventually(
      "burst Running",
      async () => {
        const p = await kubectlJson(kubeconfig, "-n", ns, "get", "pod", "burst");
        return p.status.phase === "Running" ? p : undefined;
      },
      15_000,
    );
    expect(ipInCidr(pod.status.podIP, second.cidrBlock)).toBe(true);
    expect(condition(pod)).toMatchObject({ status: "True" });
    expect(condition(pod).message).toContain(second.zoneId);
    const events = await kubectlJson(kubeconfig, "-n", ns, "get", "events", "--field-selector", "involvedObject.name=burst,reason=NoStock");
    expect(events.items[0].message).toMatch(new RegExp(`Create ECI failed in ${first.zoneId}: .*out of stock.* Retrying in ${second.zoneId}`));
  });

  it("no stock in any zone: ContainerCreating with ContainerInstanceCreated=False/NoStock until a zone has stock again", async () => {
    await faults({ noStockZones: env.vSwitches.map((v) => v.zoneId) });
    await kubectl(kubeconfig, "-n", ns, "run", "starved", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
    const pending = await eventually(
      "ContainerInstanceCreated=False with reason NoStock",
      async () => {
        const p = await kubectlJson(kubeconfig, "-n", ns, "get", "pod", "starved");
        return condition(p)?.status === "False" && condition(p).reason === "NoStock" ? p : undefined;
      },
      15_000,
    );
    expect(pending.status.phase).toBe("Pending");
    expect(await kubectl(kubeconfig, "-n", ns, "get", "pod", "starved", "--no-headers")).toMatch(/ContainerCreating/);
    await faults();
    const pod = await eventually(
      "starved Running once stock is back",
      async () => {
        const p = await kubectlJson(kubeconfig, "-n", ns, "get", "pod", "starved");
        return p.status.phase === "Running" ? p : undefined;
      },
      15_000,
    );
    expect(condition(pod).status).toBe("True");
    expect(names).toContain(pod.spec.nodeName);
  });
});
