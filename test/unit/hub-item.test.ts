import { describe, expect, it } from "vitest";
import { hubItem, type KubeObject } from "@/lib/k8s/watch-hub";
import { toPodView } from "@/lib/live/pod-view";

describe("hubItem: what the watch hub keeps of an object", () => {
  it("keeps the identity and the view's JSON only: no spec, no managedFields, no annotations", () => {
    const pod = {
      metadata: {
        uid: "u1",
        name: "web-1",
        namespace: "default",
        resourceVersion: "42",
        labels: { app: "web" },
        annotations: { "k8s.aliyun.com/eci-instance-id": "eci-1", "kubectl.kubernetes.io/last-applied-configuration": "x".repeat(2_000) },
        managedFields: [{ manager: "kubectl", fieldsV1: { "f:spec": {} } }],
        creationTimestamp: "2026-01-01T00:00:00Z",
      },
      spec: { nodeName: "node-1", containers: [{ name: "c", image: "nginx", env: [{ name: "A", value: "b" }] }], volumes: [{ name: "v" }] },
      status: { phase: "Running", podIP: "10.0.0.1", containerStatuses: [{ ready: true, restartCount: 2, state: { running: {} } }] },
    } as unknown as KubeObject;
    const item = hubItem({ cluster: "c", resource: "pods" }, pod);
    expect(Object.keys(item)).toEqual(["metadata", "json"]);
    expect(item.metadata).toEqual({ uid: "u1", name: "web-1", namespace: "default", resourceVersion: "42" });
    expect(JSON.parse(item.json)).toEqual(toPodView(pod as never));
    expect(item.json).not.toContain("last-applied");
    expect(item.json.length).toBeLessThan(400);
  });
});
