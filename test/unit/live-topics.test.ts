import { describe, expect, it } from "vitest";
import { ECI_PROFILE_TOPIC, refuseStreamTopic } from "@/lib/live/topics";

describe("refuseStreamTopic: only the topic shapes the UI uses", () => {
  it("serves pods, nodes and namespaces of a whole cluster, and the ECI profile ConfigMap", () => {
    for (const resource of ["pods", "nodes", "namespaces"] as const) expect(refuseStreamTopic({ cluster: "c", resource })).toBeUndefined();
    expect(refuseStreamTopic({ cluster: "c", ...ECI_PROFILE_TOPIC })).toBeUndefined();
  });

  it("refuses any other ConfigMap, of any namespace", () => {
    expect(refuseStreamTopic({ cluster: "c", resource: "configmaps" })).toMatch(/kube-system\/eci-profile only/);
    expect(refuseStreamTopic({ cluster: "c", resource: "configmaps", namespace: "kube-system" })).toMatch(/eci-profile only/);
    expect(refuseStreamTopic({ cluster: "c", resource: "configmaps", namespace: "default", fieldSelector: "metadata.name=eci-profile" })).toMatch(/eci-profile only/);
    expect(refuseStreamTopic({ cluster: "c", ...ECI_PROFILE_TOPIC, labelSelector: "a=b" })).toMatch(/eci-profile only/);
    expect(refuseStreamTopic({ cluster: "c", resource: "configmaps", namespace: "kube-system", fieldSelector: "metadata.name!=eci-profile" })).toMatch(/eci-profile only/);
  });

  it("refuses resources, namespaces and selectors the UI never asks for", () => {
    expect(refuseStreamTopic({ cluster: "c", resource: "deployments" })).toMatch(/not served live/);
    expect(refuseStreamTopic({ cluster: "c", resource: "pods", namespace: "default" })).toMatch(/whole cluster only: namespace "default"/);
    expect(refuseStreamTopic({ cluster: "c", resource: "pods", labelSelector: "a in (" })).toMatch(/labelSelector "a in \(" is not accepted/);
    expect(refuseStreamTopic({ cluster: "c", resource: "nodes", fieldSelector: "spec.unschedulable=true" })).toMatch(/fieldSelector/);
  });
});
