import { describe, expect, inject, it } from "vitest";
import { eventually, kubectl, kubectlJson } from "./kubectl";

const { kubeconfig, nodes } = inject("sandbox");

describe("the sandbox's real control plane, seen through kubectl", () => {
  it("reports the real Kubernetes version, v1.34 or later", async () => {
    const version = await kubectlJson(kubeconfig, "version");
    expect(version.serverVersion.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
    expect(Number(version.serverVersion.minor)).toBeGreaterThanOrEqual(34);
  });

  it("shows the simulated data-center nodes Ready, labelled like ACK's ECS nodes", async () => {
    const list = await kubectlJson(kubeconfig, "get", "nodes");
    const byName = new Map(list.items.map((n: any) => [n.metadata.name, n]));
    for (const name of nodes) {
      const node: any = byName.get(name);
      expect(node.status.conditions.find((c: any) => c.type === "Ready").status).toBe("True");
      expect(node.metadata.labels["topology.kubernetes.io/region"]).toBe("cn-hangzhou");
      expect(node.metadata.labels["topology.kubernetes.io/zone"]).toMatch(/^cn-hangzhou-[a-z]$/);
    }
    expect(nodes.length).toBe(2);
  });

  it("runs a 3-replica deployment within 10 s, scales it to 0, and finishes deleting its namespace", async () => {
    const ns = `it-web-${Date.now()}`;
    await kubectl(kubeconfig, "create", "namespace", ns);
    await eventually("the default ServiceAccount", () => kubectl(kubeconfig, "-n", ns, "get", "sa", "default").then(() => true));
    const started = Date.now();
    await kubectl(kubeconfig, "-n", ns, "create", "deployment", "web", "--image", "nginx", "--replicas", "3");
    const pods = await eventually(
      "3 Running pods with IPs",
      async () => {
        const list = await kubectlJson(kubeconfig, "-n", ns, "get", "pods");
        const running = list.items.filter((p: any) => p.status.phase === "Running" && p.status.podIPs?.[0]?.ip);
        return running.length === 3 ? running : undefined;
      },
      10_000,
    );
    console.log(`3 pods Running with IPs ${Date.now() - started} ms after kubectl create deployment`);
    const ips = pods.map((p: any) => p.status.podIP);
    expect(new Set(ips).size).toBe(3);
    for (const pod of pods) {
      expect(pod.status.containerStatuses[0]).toMatchObject({ ready: true, state: { running: {} } });
      expect(nodes).toContain(pod.spec.nodeName);
    }
    const wide = await kubectl(kubeconfig, "-n", ns, "get", "pods", "-o", "wide", "--no-headers");
    expect(
      wide
        .trim()
        .split("\n")
        .every((line) => /\s1\/1\s+Running\s/.test(line)),
    ).toBe(true);

    await kubectl(kubeconfig, "-n", ns, "scale", "deployment", "web", "--replicas", "0");
    await eventually(
      "all pods gone after scaling to 0",
      async () => {
        const list = await kubectlJson(kubeconfig, "-n", ns, "get", "pods");
        return list.items.length === 0 ? true : undefined;
      },
      20_000,
    );

    await kubectl(kubeconfig, "-n", ns, "scale", "deployment", "web", "--replicas", "2");
    await eventually("2 Running pods", async () => {
      const list = await kubectlJson(kubeconfig, "-n", ns, "get", "pods");
      return list.items.filter((p: any) => p.status.phase === "Running").length === 2 ? true : undefined;
    });
    await kubectl(kubeconfig, "delete", "namespace", ns, "--wait=true", "--timeout=60s");
    await expect(kubectl(kubeconfig, "get", "namespace", ns)).rejects.toThrow(/NotFound/);
  });
});
