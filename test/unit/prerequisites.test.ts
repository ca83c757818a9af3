import { describe, expect, it } from "vitest";
import { checkPrerequisites, describePrerequisite, PREREQUISITE_LABEL, type PrerequisiteCheck } from "@/lib/prerequisites";
import { translatorFor } from "@/lib/i18n/translator";

const en = translatorFor("en");
/** What the Clusters page shows for a check, in English. */
const explained = (check: PrerequisiteCheck) => en(`clusters.prerequisites.explain.${check.explanation.key}`, check.explanation.values);

const base = {
  reachable: true,
  major: 1,
  minor: 36,
  gitVersion: "v1.36.3",
  region: "cn-hangzhou",
  eciRegions: ["cn-hangzhou", "cn-shanghai"],
  mutatingWebhooksServed: true,
  link: { ackClusterId: "c0123456789abcdef", regionId: "cn-hangzhou" },
};
const status = (input: Parameters<typeof checkPrerequisites>[0]) => Object.fromEntries(checkPrerequisites(input).map((c) => [c.id, c.status]));

describe("prerequisites", () => {
  it("passes a linked, recent cluster in an ECI region", () => {
    expect(status(base)).toEqual({ "kubernetes-version": "ok", "eci-region": "ok", "mutating-admission": "ok", "registered-cluster": "ok" });
  });

  it("fails Kubernetes older than 1.14 and says to upgrade", () => {
    const [version] = checkPrerequisites({ ...base, minor: 13, gitVersion: "v1.13.12" });
    expect(version).toMatchObject({ status: "fail" });
    expect(explained(version)).toBe("The cluster runs v1.13.12; ack-virtual-node needs 1.14 or later. Upgrade the cluster first.");
    expect(en(`clusters.prerequisites.label.${PREREQUISITE_LABEL[version.id]}`)).toBe("Kubernetes 1.14 or later");
  });

  it("names the regions ECI serves when the cluster's is not one of them", () => {
    const [, region] = checkPrerequisites({ ...base, link: { ackClusterId: "c0123456789abcdef", regionId: "us-east-9" } });
    expect(explained(region)).toBe("ECI is not offered in us-east-9. Virtual nodes cannot start there; ECI serves cn-hangzhou, cn-shanghai.");
    expect(translatorFor("zh-CN")(`clusters.prerequisites.explain.${region.explanation.key}`, region.explanation.values)).toContain("us-east-9");
  });

  it("fails a region ECI does not serve, unknown without cloud credentials, and takes the linked region first", () => {
    expect(status({ ...base, link: { ackClusterId: "c0123456789abcdef", regionId: "us-east-9" } })["eci-region"]).toBe("fail");
    expect(status({ ...base, eciRegions: undefined })["eci-region"]).toBe("unknown");
    expect(status({ ...base, link: undefined, region: undefined })["eci-region"]).toBe("unknown");
  });

  it("explains unreachable clusters and missing links", () => {
    const checks = checkPrerequisites({ reachable: false, mutatingWebhooksServed: false });
    expect(checks.map((c) => c.status)).toEqual(["unknown", "unknown", "unknown", "fail"]);
    expect(explained(checks[3])).toMatch(/^Link this cluster/);
    expect(explained(checks[0])).toBe("The cluster did not answer, so its version is unknown.");
  });

  it("words a check for the CLI's doctor in the reader's language", () => {
    const [, , , link] = checkPrerequisites(base);
    expect(describePrerequisite(link, en)).toEqual({
      id: "registered-cluster",
      status: "ok",
      label: "Linked to an ACK One registered cluster",
      explanation: "Linked to registered cluster c0123456789abcdef in cn-hangzhou.",
    });
    expect(describePrerequisite(link, translatorFor("zh-CN"))).toMatchObject({
      label: "已关联 ACK One 注册集群",
      explanation: "已关联到 cn-hangzhou 的注册集群 c0123456789abcdef。",
    });
  });
});
