import { describe, expect, it } from "vitest";
import { checkPrerequisites } from "@/lib/prerequisites";

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
    expect(version.explanation).toContain("v1.13.12");
    expect(version.explanation).toContain("Upgrade");
  });

  it("fails a region ECI does not serve, unknown without cloud credentials, and takes the linked region first", () => {
    expect(status({ ...base, link: { ackClusterId: "c0123456789abcdef", regionId: "us-east-9" } })["eci-region"]).toBe("fail");
    expect(status({ ...base, eciRegions: undefined })["eci-region"]).toBe("unknown");
    expect(status({ ...base, link: undefined, region: undefined })["eci-region"]).toBe("unknown");
  });

  it("explains unreachable clusters and missing links", () => {
    const checks = checkPrerequisites({ reachable: false, mutatingWebhooksServed: false });
    expect(checks.map((c) => c.status)).toEqual(["unknown", "unknown", "unknown", "fail"]);
    expect(checks[3].explanation).toMatch(/Link this cluster/);
  });
});
