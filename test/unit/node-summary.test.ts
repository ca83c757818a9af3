import { describe, expect, it } from "vitest";
import { nodeRoles, toNodeSummary } from "@/lib/node-summary";

describe("node summary", () => {
  it("derives ROLES like the apiserver's node printer", () => {
    expect(nodeRoles({ "node-role.kubernetes.io/worker": "", "kubernetes.io/role": "agent", other: "x" })).toEqual(["agent", "worker"]);
    expect(nodeRoles({})).toEqual([]);
  });

  it("marks ack-virtual-node nodes as virtual and reads readiness, zone and IP", () => {
    const summary = toNodeSummary({
      metadata: { name: "virtual-kubelet-cn-hangzhou-b", labels: { type: "virtual-kubelet", "kubernetes.io/role": "agent", "topology.kubernetes.io/zone": "cn-hangzhou-b" } },
      status: {
        conditions: [{ type: "Ready", status: "False", message: "AccessKey rejected" }],
        addresses: [{ type: "InternalIP", address: "192.168.1.3" }],
        nodeInfo: { kubeletVersion: "v1.36.3" } as never,
      },
    });
    expect(summary).toMatchObject({ virtual: true, ready: "NotReady", roles: ["agent"], zone: "cn-hangzhou-b", internalIP: "192.168.1.3", readyMessage: "AccessKey rejected" });
  });
});
