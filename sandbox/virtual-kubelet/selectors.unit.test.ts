import { describe, expect, it } from "vitest";
import { EciProfileError, parseEciProfile, parseSelectors } from "./eci-profile";
import { mutationFor } from "./selectors";
import { vSwitchOrder } from "./eci-pod-host";
import { eciSize } from "./eci-spec";

const pod = (labels?: Record<string, string>, extra: object = {}) => ({ metadata: { name: "p", labels }, spec: { containers: [{ name: "c", image: "i" }], ...extra } }) as any;

describe("vk-webhook mutation", () => {
  it("leaves pods that are not for ECI untouched", () => {
    expect(mutationFor(pod({ app: "x" }), {}, [])).toEqual([]);
  });

  it("adds the virtual-node nodeSelector and toleration to a labelled pod, keeping what is there", () => {
    expect(mutationFor(pod({ "alibabacloud.com/eci": "true" }), {}, [])).toEqual([
      { op: "add", path: "/spec/nodeSelector", value: { type: "virtual-kubelet" } },
      { op: "add", path: "/spec/tolerations", value: [{ key: "virtual-kubelet.io/provider", operator: "Exists", effect: "NoSchedule" }] },
    ]);
    const withBoth = pod({}, { nodeSelector: { disk: "ssd" }, tolerations: [{ key: "other", operator: "Exists" }] });
    expect(mutationFor(withBoth, { "alibabacloud.com/eci": "true" }, [])).toEqual([
      { op: "add", path: "/spec/nodeSelector/type", value: "virtual-kubelet" },
      { op: "add", path: "/spec/tolerations/-", value: { key: "virtual-kubelet.io/provider", operator: "Exists", effect: "NoSchedule" } },
    ]);
  });

  it("applies selector effects in order, add-only, with JSON-pointer escaping", () => {
    const selectors = parseSelectors(
      JSON.stringify([
        { name: "a", objectSelector: { matchLabels: { app: "web", tier: "front" } }, effect: { annotations: { "k8s.aliyun.com/eci-use-specs": "4-8Gi" } } },
        { name: "b", namespaceSelector: { matchLabels: { team: "blue" } }, effect: { annotations: { "k8s.aliyun.com/eci-use-specs": "2-4Gi", x: "b" } } },
      ]),
    );
    const patch = mutationFor(pod({ app: "web", tier: "front" }), { team: "blue" }, selectors);
    expect(patch.slice(2)).toEqual([{ op: "add", path: "/metadata/annotations", value: { "k8s.aliyun.com/eci-use-specs": "4-8Gi", x: "b" } }]);
    // AND: tier missing, so only b matches.
    const p2 = { ...pod({ app: "web" }), metadata: { name: "p", labels: { app: "web" }, annotations: { x: "mine" } } };
    expect(mutationFor(p2, { team: "blue" }, selectors).slice(2)).toEqual([{ op: "add", path: "/metadata/annotations/k8s.aliyun.com~1eci-use-specs", value: "2-4Gi" }]);
    expect(mutationFor(pod({ app: "web" }), {}, selectors)).toEqual([]);
    // Called by selector b's webhook entry: b matched at admission even if our namespace cache lags.
    expect(mutationFor(pod({ app: "web" }), {}, selectors, 1).slice(2)).toEqual([
      { op: "add", path: "/metadata/annotations", value: { "k8s.aliyun.com/eci-use-specs": "2-4Gi", x: "b" } },
    ]);
    expect(mutationFor(pod({ app: "x" }), {}, [], "label")).toHaveLength(2);
  });

  it("skips DaemonSet pods and pods bound to a data-center node", () => {
    expect(mutationFor(pod({ "alibabacloud.com/eci": "true" }, { nodeName: "cn-hangzhou.192.168.0.10" }), {}, [])).toEqual([]);
    const ds = { ...pod({ "alibabacloud.com/eci": "true" }), metadata: { labels: { "alibabacloud.com/eci": "true" }, ownerReferences: [{ kind: "DaemonSet" }] } };
    expect(mutationFor(ds, {}, [])).toEqual([]);
  });
});

describe("eci-profile", () => {
  it("parses the template and rejects format errors", () => {
    expect(parseEciProfile({ vSwitchIds: "vsw-a, vsw-b", securityGroupId: "sg-1", vpcId: "vpc-1", selectors: "" })).toMatchObject({
      vSwitchIds: ["vsw-a", "vsw-b"],
      selectors: [],
    });
    expect(() => parseEciProfile({ vSwitchIds: "", securityGroupId: "sg-1" })).toThrow(EciProfileError);
    expect(() => parseSelectors('[{"name":"a"},{"name":"a"}]')).toThrow(/used twice/);
    expect(() => parseSelectors('[{"name":"a","objectSelector":{"matchLabels":{"x":1}}}]')).toThrow(/selectors\[0\]\.objectSelector\.matchLabels\.x/);
  });
});

describe("ECI placement", () => {
  const zones = new Map([
    ["a", "z1"],
    ["b", "z2"],
    ["c", "z1"],
  ]);
  it("tries the node's zone first by default, the listed order with VSwitchOrdered", () => {
    expect(vSwitchOrder(["a", "b", "c"], zones, "z2", false)[0]).toBe("b");
    expect(vSwitchOrder(["b", "a", "c"], zones, "z1", false).slice(0, 2).sort()).toEqual(["a", "c"]);
    expect(vSwitchOrder(["b", "a", "c"], zones, "z1", true)).toEqual(["b", "a", "c"]);
  });

  it("sizes a group from eci-use-specs, else the containers' resources", () => {
    expect(eciSize({ metadata: { annotations: { "k8s.aliyun.com/eci-use-specs": "4-8Gi,2-4Gi" } } } as any).spec).toBe("4.0-8.0Gi");
    expect(eciSize(pod({}, { containers: [{ name: "c", resources: { limits: { cpu: "1500m", memory: "3Gi" } } }] })).spec).toBe("2.0-3.0Gi");
    expect(eciSize(pod()).spec).toBe("2.0-4.0Gi");
  });
});
