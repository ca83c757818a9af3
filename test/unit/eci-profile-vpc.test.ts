import { describe, expect, it } from "vitest";
import { validateAgainstVpc, type CloudFacts, type VSwitchFact } from "@/lib/eci-profile/validate-against-vpc";
import { translatorFor } from "@/lib/i18n/translator";

const vsw = (vSwitchId: string, zoneId: string, more: Partial<VSwitchFact> = {}): VSwitchFact => ({
  vSwitchId,
  vpcId: "vpc-bp1main0001",
  zoneId,
  cidrBlock: "192.168.0.0/24",
  availableIpAddressCount: 250,
  status: "Available",
  ...more,
});

// What DescribeVpcs / DescribeVSwitches / DescribeSecurityGroups return for cn-hangzhou (plus one foreign vSwitch).
const facts: CloudFacts = {
  regionId: "cn-hangzhou",
  vpcs: [
    { vpcId: "vpc-bp1main0001", regionId: "cn-hangzhou" },
    { vpcId: "vpc-bp1other0002", regionId: "cn-hangzhou" },
    { vpcId: "vpc-2zeshanghai01", regionId: "cn-shanghai" },
  ],
  vSwitches: [
    vsw("vsw-bp1hzb0001", "cn-hangzhou-b"),
    vsw("vsw-bp1hzj0002", "cn-hangzhou-j", { cidrBlock: "192.168.1.0/24" }),
    vsw("vsw-bp1hzk0003", "cn-hangzhou-k", { availableIpAddressCount: 0, cidrBlock: "192.168.2.0/28" }),
    vsw("vsw-bp1hzh0004", "cn-hangzhou-h", { status: "Pending" }),
    vsw("vsw-bp1otherb05", "cn-hangzhou-b", { vpcId: "vpc-bp1other0002" }),
    vsw("vsw-uf6sh0006", "cn-shanghai-b", { vpcId: "vpc-2zeshanghai01" }),
  ],
  securityGroups: [
    { securityGroupId: "sg-bp1main0001", vpcId: "vpc-bp1main0001" },
    { securityGroupId: "sg-bp1other0002", vpcId: "vpc-bp1other0002" },
  ],
};

const profile = { vpcId: "vpc-bp1main0001", vSwitchIds: ["vsw-bp1hzb0001", "vsw-bp1hzj0002"], securityGroupId: "sg-bp1main0001" };

describe("validate eci-profile against the VPC", () => {
  it("accepts vSwitches of the VPC in two zones", () => {
    expect(validateAgainstVpc(profile, facts)).toEqual({ errors: [], warnings: [] });
  });

  it("rejects unknown, foreign-VPC and foreign-region vSwitches, naming the position and the fix", () => {
    const { errors } = validateAgainstVpc({ ...profile, vSwitchIds: ["vsw-bp1hzb0001", "vsw-gone0009", "vsw-bp1otherb05", "vsw-uf6sh0006"] }, facts);
    expect(errors).toEqual([
      {
        code: "vswitch-unknown",
        field: "vSwitchIds",
        index: 1,
        id: "vsw-gone0009",
        message: "vSwitch vsw-gone0009 was not found in region cn-hangzhou; remove it or pick a vSwitch of vpc-bp1main0001",
      },
      {
        code: "vswitch-other-vpc",
        field: "vSwitchIds",
        index: 2,
        id: "vsw-bp1otherb05",
        message: "vSwitch vsw-bp1otherb05 belongs to vpc-bp1other0002, not to vpc-bp1main0001; all vSwitches must be in the profile's VPC",
      },
      {
        code: "vswitch-other-region",
        field: "vSwitchIds",
        index: 3,
        id: "vsw-uf6sh0006",
        message: "vSwitch vsw-uf6sh0006 is in zone cn-shanghai-b, outside region cn-hangzhou; pick a vSwitch in cn-hangzhou",
      },
    ]);
  });

  it("rejects an unknown VPC, a VPC of another region and a security group of another VPC", () => {
    expect(validateAgainstVpc({ ...profile, vpcId: "vpc-nope0001" }, facts).errors.map((e) => e.message)).toEqual([
      "VPC vpc-nope0001 was not found in region cn-hangzhou; pick one of the region's VPCs",
      "vSwitch vsw-bp1hzb0001 belongs to vpc-bp1main0001, not to vpc-nope0001; all vSwitches must be in the profile's VPC",
      "vSwitch vsw-bp1hzj0002 belongs to vpc-bp1main0001, not to vpc-nope0001; all vSwitches must be in the profile's VPC",
      "Security group sg-bp1main0001 belongs to vpc-bp1main0001, not to vpc-nope0001; pick a security group of vpc-nope0001",
    ]);
    expect(validateAgainstVpc({ vpcId: "vpc-2zeshanghai01", vSwitchIds: [], securityGroupId: "sg-x1" }, facts).errors.map((e) => e.code)).toEqual([
      "vpc-other-region",
      "security-group-unknown",
    ]);
    expect(validateAgainstVpc({ ...profile, securityGroupId: "sg-bp1other0002" }, facts).errors).toEqual([
      {
        code: "security-group-other-vpc",
        field: "securityGroupId",
        id: "sg-bp1other0002",
        message: "Security group sg-bp1other0002 belongs to vpc-bp1other0002, not to vpc-bp1main0001; pick a security group of vpc-bp1main0001",
      },
    ]);
  });

  it("warns when every vSwitch is in one zone", () => {
    const { errors, warnings } = validateAgainstVpc({ ...profile, vSwitchIds: ["vsw-bp1hzb0001"] }, facts);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      {
        code: "single-zone",
        field: "vSwitchIds",
        id: "cn-hangzhou-b",
        message: "All vSwitches are in zone cn-hangzhou-b; if ECI runs out of stock there, pods stay Pending. Add a vSwitch in another zone for failover",
      },
    ]);
  });

  it("warns about a vSwitch without free IPs and one that is not Available", () => {
    const { errors, warnings } = validateAgainstVpc({ ...profile, vSwitchIds: ["vsw-bp1hzk0003", "vsw-bp1hzh0004", "vsw-bp1hzb0001"] }, facts);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      {
        code: "vswitch-no-free-ips",
        field: "vSwitchIds",
        index: 0,
        id: "vsw-bp1hzk0003",
        message: "vSwitch vsw-bp1hzk0003 (192.168.2.0/28, zone cn-hangzhou-k) has no free IP addresses; pods placed there will fail, so add a vSwitch with free IPs",
      },
      {
        code: "vswitch-not-available",
        field: "vSwitchIds",
        index: 1,
        id: "vsw-bp1hzh0004",
        message: "vSwitch vsw-bp1hzh0004 is Pending, not Available; ECI pods cannot get an IP from it until it is",
      },
    ]);
  });
});

describe("VPC findings in Simplified Chinese", () => {
  it("keeps the IDs and words the rest in the reader's language", () => {
    const facts: CloudFacts = { regionId: "cn-hangzhou", vpcs: [{ vpcId: "vpc-bp1main0001" }], vSwitches: [vsw("vsw-a", "cn-hangzhou-b")], securityGroups: [] };
    const result = validateAgainstVpc({ vpcId: "vpc-bp1main0001", vSwitchIds: ["vsw-a"], securityGroupId: "sg-x" }, facts, translatorFor("zh-CN"));
    expect(result.errors.map((f) => f.message)).toEqual(["在地域 cn-hangzhou 中未找到安全组 sg-x；请选择 vpc-bp1main0001 的安全组"]);
    expect(result.warnings.map((f) => f.message)).toEqual([
      "所有交换机都在可用区 cn-hangzhou-b；如果那里的 ECI 库存不足，Pod 会一直处于 Pending。请添加另一个可用区的交换机以便故障转移",
    ]);
  });
});
