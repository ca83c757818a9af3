import { describe, expect, it } from "vitest";
import { checkProfile, messagesAt, messagesUnder, type EciProfileFields, type NetworkFacts } from "@/lib/eci-profile";

const facts: NetworkFacts = {
  regionId: "cn-hangzhou",
  vpcs: [{ vpcId: "vpc-bp1main0001", regionId: "cn-hangzhou", name: "main", cidrBlock: "192.168.0.0/16" }],
  vSwitches: [
    { vSwitchId: "vsw-bp1hzb0001", vpcId: "vpc-bp1main0001", zoneId: "cn-hangzhou-b", cidrBlock: "192.168.0.0/24", availableIpAddressCount: 250, status: "Available", name: "b" },
    { vSwitchId: "vsw-bp1hzj0002", vpcId: "vpc-bp1main0001", zoneId: "cn-hangzhou-j", cidrBlock: "192.168.1.0/24", availableIpAddressCount: 250, status: "Available", name: "j" },
  ],
  securityGroups: [{ securityGroupId: "sg-bp1main0001", vpcId: "vpc-bp1main0001", name: "main" }],
};

const fields: EciProfileFields = {
  vpcId: "vpc-bp1main0001",
  vSwitchIds: ["vsw-bp1hzb0001", "vsw-bp1hzj0002"],
  securityGroupId: "sg-bp1main0001",
  resourceGroupId: "",
  enableClusterIp: true,
  enableHybridMode: false,
  enablePrivateZone: false,
  selectors: [],
};

describe("checkProfile: the checks the form and the save action share", () => {
  it("finds nothing wrong with vSwitches of the VPC in two zones", () => {
    expect(checkProfile(fields, facts)).toEqual({ errors: [], warnings: [] });
  });

  it("checks only the format when the VPC's facts are unknown (no cloud credentials)", () => {
    expect(checkProfile({ ...fields, vSwitchIds: ["vsw-notinthevpc9"] })).toEqual({ errors: [], warnings: [] });
    expect(checkProfile({ ...fields, securityGroupId: "not-a-group" }).errors).toEqual([{ field: "securityGroupId", message: expect.stringContaining("sg-") }]);
  });

  it("names the place of each cloud problem, e.g. the second vSwitch", () => {
    const { errors } = checkProfile({ ...fields, vSwitchIds: ["vsw-bp1hzb0001", "vsw-gone0009"] }, facts);
    expect(errors).toEqual([{ field: "vSwitchIds.1", message: expect.stringContaining("vsw-gone0009 was not found in region cn-hangzhou") }]);
  });

  it("does not add a cloud message where the format is already wrong", () => {
    const { errors } = checkProfile({ ...fields, vSwitchIds: ["vsw-bp1hzb0001", "bad id"] }, facts);
    expect(errors.filter((e) => e.field === "vSwitchIds.1")).toHaveLength(1);
  });

  it("keeps warnings apart from errors (one zone only)", () => {
    const { errors, warnings } = checkProfile({ ...fields, vSwitchIds: ["vsw-bp1hzb0001"] }, facts);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.field)).toEqual(["vSwitchIds"]);
  });

  it("picks messages for one place, or for a place and everything below it", () => {
    const list = [
      { field: "vSwitchIds", message: "a" },
      { field: "vSwitchIds.1", message: "b" },
      { field: "selectors.0.name", message: "c" },
      { field: "selectorsJson", message: "d" },
    ];
    expect(messagesAt(list, "vSwitchIds")).toEqual(["a"]);
    expect(messagesUnder(list, "selectors").map((m) => m.message)).toEqual(["c"]);
  });
});
