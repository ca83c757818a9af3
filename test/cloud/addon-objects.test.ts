// The add-on's Kubernetes objects, built without a cluster.
import { describe, expect, test } from "vitest";
import { type AddonParams, addonObjects, controllerImage, eciProfile, PLACEHOLDER_WEBHOOK_URL } from "@/sandbox/cloud/addon-objects";

const p: AddonParams = { clusterId: "c123", regionId: "cn-hangzhou", version: "v2.13.0", vpcId: "vpc-bp1a", vSwitchIds: ["vsw-bp1a", "vsw-bp1b"], securityGroupId: "sg-bp1a" };
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const find = (objs: Obj[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name)!;

describe("ack-virtual-node objects", () => {
  test("inventory from the add-on docs", () => {
    const objs = addonObjects(p) as Obj[];
    expect(objs.map((o) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`)).toEqual([
      "ServiceAccount/kube-system/virtual-kubelet",
      "ClusterRole//ack-virtual-node-clusterrole",
      "ClusterRoleBinding//virtual-kubelet",
      "Deployment/kube-system/ack-virtual-node-controller",
      "Service/kube-system/vk-webhook",
      "MutatingWebhookConfiguration//vk-webhook",
    ]);
  });
  test("the Deployment runs the virtual-nodes-eci image and reads alibaba-addon-secret", () => {
    const d = find(addonObjects(p) as Obj[], "Deployment", "ack-virtual-node-controller");
    const c = d.spec.template.spec.containers[0];
    expect(c.image).toBe("registry.cn-hangzhou.aliyuncs.com/acs/virtual-nodes-eci:v2.13.0-aliyun");
    expect(controllerImage("cn-shanghai", "v2.13.0")).toContain("registry.cn-shanghai.aliyuncs.com/acs/virtual-nodes-eci:");
    expect(c.env).toEqual(
      expect.arrayContaining([
        { name: "ECI_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "alibaba-addon-secret", key: "access-key-id", optional: true } } },
        { name: "ALIYUN_CLUSTERID", value: "c123" },
      ]),
    );
    expect(d.spec.template.spec.serviceAccountName).toBe("virtual-kubelet");
    expect(d.metadata.labels["app.kubernetes.io/version"]).toBe("v2.13.0");
  });
  test("the ClusterRole grants the documented rules", () => {
    const r = find(addonObjects(p) as Obj[], "ClusterRole", "ack-virtual-node-clusterrole");
    expect(r.rules).toEqual(
      expect.arrayContaining([
        {
          apiGroups: ["admissionregistration.k8s.io"],
          resources: ["mutatingwebhookconfigurations"],
          resourceNames: ["vk-webhook"],
          verbs: ["get", "list", "watch", "delete", "patch"],
        },
        { apiGroups: [""], resources: ["pods/binding"], verbs: ["create"] },
      ]),
    );
  });
  test("webhook: placeholder URL and Ignore without a caller URL; the caller's URL and CA otherwise", () => {
    const w = find(addonObjects(p) as Obj[], "MutatingWebhookConfiguration", "vk-webhook").webhooks;
    expect(w).toHaveLength(2);
    for (const h of w) expect(h).toMatchObject({ failurePolicy: "Ignore", clientConfig: { url: PLACEHOLDER_WEBHOOK_URL }, sideEffects: "None" });
    expect(w[0].objectSelector).toEqual({ matchLabels: { "alibabacloud.com/eci": "true" } });
    expect(w[1].namespaceSelector).toEqual({ matchLabels: { "alibabacloud.com/eci": "true" } });
    const w2 = find(addonObjects({ ...p, webhookUrl: "https://127.0.0.1:9443/mutate", webhookCaBundle: "Q0E=" }) as Obj[], "MutatingWebhookConfiguration", "vk-webhook").webhooks;
    expect(w2[0].clientConfig).toEqual({ url: "https://127.0.0.1:9443/mutate", caBundle: "Q0E=" });
  });
  test("eci-profile carries the cluster's network and the documented defaults", () => {
    expect(eciProfile(p).data).toMatchObject({
      vpcId: "vpc-bp1a",
      vSwitchIds: "vsw-bp1a,vsw-bp1b",
      securityGroupId: "sg-bp1a",
      enableClusterIp: "true",
      selectors: "",
      featureGates: "WaitForFirstConsumer=false",
    });
    expect(eciProfile(p).metadata).toMatchObject({ name: "eci-profile", namespace: "kube-system" });
  });
});
