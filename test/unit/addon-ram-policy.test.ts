import { describe, expect, it } from "vitest";
import { actionCovers, ADDON_POLICY_DOCUMENT, ADDON_POLICY_NAME, addonPolicyDocumentJson, coversAddonNeeds, ECI_ACTIONS, type AttachedPolicy } from "@/lib/addon/ram-policy";

const system = (policyName: string): AttachedPolicy => ({ policyName, policyType: "System" });
const custom = (policyName: string, Statement: unknown[]): AttachedPolicy => ({ policyName, policyType: "Custom", document: JSON.stringify({ Version: "1", Statement }) });
const summary = (r: ReturnType<typeof coversAddonNeeds>) => Object.fromEntries(r.needs.map((n) => [n.need, n.satisfied]));

describe("the add-on's RAM policy", () => {
  it("is the onectl-named custom policy with the documented ECI actions and VPC reads", () => {
    expect(ADDON_POLICY_NAME).toBe("ack-one-registered-cluster-policy-ack-virtual-node");
    expect(JSON.parse(addonPolicyDocumentJson())).toEqual(ADDON_POLICY_DOCUMENT);
    expect(ADDON_POLICY_DOCUMENT.Statement[0].Action).toContain("eci:CreateContainerGroup");
    expect(ADDON_POLICY_DOCUMENT.Statement[1].Action).toEqual(["vpc:DescribeVpcs", "vpc:DescribeVSwitches"]);
    expect(addonPolicyDocumentJson().length).toBeLessThanOrEqual(6144);
  });

  it("covers the required needs by itself (ACS stays optional)", () => {
    const r = coversAddonNeeds([{ policyName: ADDON_POLICY_NAME, policyType: "Custom", document: ADDON_POLICY_DOCUMENT }]);
    expect(summary(r)).toEqual({ eci: true, vpc: true, acs: false });
    expect(r.complete).toBe(true);
    expect(r.missing).toEqual(["AliyunAccFullAccess"]);
    expect(coversAddonNeeds([{ policyName: ADDON_POLICY_NAME, policyType: "Custom", document: ADDON_POLICY_DOCUMENT }], { usesAcs: true }).complete).toBe(false);
  });
});

describe("policy coverage", () => {
  it("accepts the documented system policies by name", () => {
    const r = coversAddonNeeds([system("AliyunECIFullAccess"), system("AliyunVPCReadOnlyAccess"), system("AliyunAccFullAccess")], { usesAcs: true });
    expect(r).toMatchObject({ complete: true, missing: [] });
    expect(r.needs.find((n) => n.need === "eci")?.satisfiedBy).toEqual(["AliyunECIFullAccess"]);
    expect(coversAddonNeeds([system("AdministratorAccess")], { usesAcs: true }).complete).toBe(true);
  });

  it("lists what is missing, required needs first", () => {
    const r = coversAddonNeeds([system("AliyunVPCReadOnlyAccess")]);
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(["AliyunECIFullAccess", "AliyunAccFullAccess"]);
    expect(r.needs.find((n) => n.need === "eci")?.missingActions).toEqual([...ECI_ACTIONS]);
  });

  it("matches wildcard actions such as eci:* and vpc:Describe*, case-insensitively", () => {
    const r = coversAddonNeeds([
      custom("my-eci", [{ Effect: "Allow", Action: "eci:*", Resource: "*" }]),
      custom("my-vpc", [{ Effect: "Allow", Action: ["vpc:describe*"], Resource: ["*"] }]),
    ]);
    expect(summary(r)).toEqual({ eci: true, vpc: true, acs: false });
    expect(r.needs.find((n) => n.need === "vpc")?.satisfiedBy).toEqual(["my-vpc"]);
    expect(coversAddonNeeds([custom("all", [{ Effect: "Allow", Action: "*", Resource: "*" }])], { usesAcs: true }).complete).toBe(true);
  });

  it("reports the exact missing actions of a partial custom policy", () => {
    const r = coversAddonNeeds([
      custom("partial", [{ Effect: "Allow", Action: ["eci:Describe*", "eci:CreateContainerGroup", "eci:DeleteContainerGroup", "vpc:DescribeVpcs"], Resource: "*" }]),
    ]);
    expect(r.needs.find((n) => n.need === "vpc")?.missingActions).toEqual(["vpc:DescribeVSwitches"]);
    expect(r.needs.find((n) => n.need === "eci")?.missingActions).toEqual([
      "eci:UpdateContainerGroup",
      "eci:UpdateContainerGroupByTemplate",
      "eci:CreateContainerGroupFromTemplate",
      "eci:RestartContainerGroup",
      "eci:ExportContainerGroupTemplate",
      "eci:ExecContainerCommand",
      "eci:CreateImageCache",
      "eci:DeleteImageCache",
    ]);
  });

  it("lets an unconditional Deny win, ignores statements limited to specific resources, and notes conditions", () => {
    const denied = coversAddonNeeds([
      system("AliyunVPCReadOnlyAccess"),
      custom("eci-all", [{ Effect: "Allow", Action: "eci:*", Resource: "*" }]),
      custom("no-exec", [{ Effect: "Deny", Action: "eci:ExecContainerCommand", Resource: "*" }]),
    ]);
    expect(denied.needs.find((n) => n.need === "eci")).toMatchObject({ satisfied: false, missingActions: ["eci:ExecContainerCommand"] });
    expect(denied.notes).toContain("eci:ExecContainerCommand is denied by policy no-exec");

    const scoped = coversAddonNeeds([custom("one-group", [{ Effect: "Allow", Action: "eci:*", Resource: "acs:eci:cn-hangzhou:123:containergroup/eci-abc" }])]);
    expect(scoped.needs.find((n) => n.need === "eci")?.satisfied).toBe(false);

    const conditional = coversAddonNeeds([
      custom("ip-limited", [{ Effect: "Allow", Action: ["eci:*", "vpc:Describe*"], Resource: "*", Condition: { IpAddress: { "acs:SourceIp": ["203.0.113.0/24"] } } }]),
    ]);
    expect(conditional.complete).toBe(true);
    expect(conditional.notes[0]).toContain("Policy ip-limited has an Allow statement with a Condition");
  });

  it("handles NotAction statements and custom policies without a readable document", () => {
    expect(summary(coversAddonNeeds([custom("all-but-ram", [{ Effect: "Allow", NotAction: ["ram:*"], Resource: "*" }])]))).toEqual({ eci: true, vpc: true, acs: true });
    const unreadable = coversAddonNeeds([
      { policyName: "broken", policyType: "Custom", document: "{not json" },
      { policyName: "unfetched", policyType: "Custom" },
    ]);
    expect(unreadable.complete).toBe(false);
    expect(unreadable.notes).toEqual([
      "Policy broken has a document that is not valid JSON, so it is not counted",
      "Custom policy unfetched was given without its document, so it is not counted",
    ]);
  });

  it("compares wildcard patterns: a required pattern is covered only by one at least as broad", () => {
    expect(actionCovers("acc:*", "acc:*")).toBe(true);
    expect(actionCovers("*", "acc:*")).toBe(true);
    expect(actionCovers("acc:Create*", "acc:*")).toBe(false);
    expect(actionCovers("eci:Describe*", "eci:DescribeContainerGroups")).toBe(true);
    expect(actionCovers("eci:Describe*", "eci:DeleteContainerGroup")).toBe(false);
    expect(actionCovers("eci:Describe.Container", "eci:DescribeXContainer")).toBe(false);
  });
});
