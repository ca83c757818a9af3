// Checks an eci-profile against what the cloud says exists (DescribeVpcs, DescribeVSwitches,
// DescribeSecurityGroups). Format checks live in schema.ts; this file needs the cloud facts.
import type { EciProfileFields } from "./schema";
import { isZoneInRegion } from "./zones";

export interface VSwitchFact {
  vSwitchId: string;
  vpcId: string;
  zoneId: string;
  cidrBlock: string;
  availableIpAddressCount: number;
  /** "Available" | "Pending" */
  status: string;
}

export interface CloudFacts {
  regionId: string;
  vpcs: ReadonlyArray<{ vpcId: string; regionId?: string }>;
  vSwitches: readonly VSwitchFact[];
  securityGroups: ReadonlyArray<{ securityGroupId: string; vpcId: string }>;
}

export type VpcFindingCode =
  | "vpc-unknown"
  | "vpc-other-region"
  | "vswitch-unknown"
  | "vswitch-other-region"
  | "vswitch-other-vpc"
  | "security-group-unknown"
  | "security-group-other-vpc"
  | "single-zone"
  | "vswitch-no-free-ips"
  | "vswitch-not-available";

export interface VpcFinding {
  code: VpcFindingCode;
  field: "vpcId" | "vSwitchIds" | "securityGroupId";
  /** Position in vSwitchIds, for vSwitch findings. */
  index?: number;
  id: string;
  message: string;
}

export interface VpcValidation {
  errors: VpcFinding[];
  warnings: VpcFinding[];
}

type ProfileNetwork = Pick<EciProfileFields, "vpcId" | "vSwitchIds" | "securityGroupId">;

export function validateAgainstVpc(profile: ProfileNetwork, facts: CloudFacts): VpcValidation {
  const errors: VpcFinding[] = [];
  const warnings: VpcFinding[] = [];
  const { regionId } = facts;
  const { vpcId } = profile;

  const vpc = facts.vpcs.find((v) => v.vpcId === vpcId);
  if (!vpc) errors.push({ code: "vpc-unknown", field: "vpcId", id: vpcId, message: `VPC ${vpcId} was not found in region ${regionId}; pick one of the region's VPCs` });
  else if (vpc.regionId && vpc.regionId !== regionId)
    errors.push({
      code: "vpc-other-region",
      field: "vpcId",
      id: vpcId,
      message: `VPC ${vpcId} is in region ${vpc.regionId}, but the cluster's ECI pods run in ${regionId}; pick a VPC in ${regionId}`,
    });

  const usable: VSwitchFact[] = [];
  for (const [index, id] of profile.vSwitchIds.entries()) {
    const vsw = facts.vSwitches.find((v) => v.vSwitchId === id);
    const finding = (code: VpcFindingCode, message: string): VpcFinding => ({ code, field: "vSwitchIds", index, id, message });
    if (!vsw) errors.push(finding("vswitch-unknown", `vSwitch ${id} was not found in region ${regionId}; remove it or pick a vSwitch of ${vpcId}`));
    else if (!isZoneInRegion(vsw.zoneId, regionId))
      errors.push(finding("vswitch-other-region", `vSwitch ${id} is in zone ${vsw.zoneId}, outside region ${regionId}; pick a vSwitch in ${regionId}`));
    else if (vsw.vpcId !== vpcId) errors.push(finding("vswitch-other-vpc", `vSwitch ${id} belongs to ${vsw.vpcId}, not to ${vpcId}; all vSwitches must be in the profile's VPC`));
    else {
      usable.push(vsw);
      if (vsw.status !== "Available")
        warnings.push(finding("vswitch-not-available", `vSwitch ${id} is ${vsw.status}, not Available; ECI pods cannot get an IP from it until it is`));
      else if (vsw.availableIpAddressCount <= 0)
        warnings.push(
          finding(
            "vswitch-no-free-ips",
            `vSwitch ${id} (${vsw.cidrBlock}, zone ${vsw.zoneId}) has no free IP addresses; pods placed there will fail, so add a vSwitch with free IPs`,
          ),
        );
    }
  }

  const zones = [...new Set(usable.map((v) => v.zoneId))];
  if (zones.length === 1)
    warnings.push({
      code: "single-zone",
      field: "vSwitchIds",
      id: zones[0],
      message: `All vSwitches are in zone ${zones[0]}; if ECI runs out of stock there, pods stay Pending. Add a vSwitch in another zone for failover`,
    });

  const sgId = profile.securityGroupId;
  const sg = facts.securityGroups.find((g) => g.securityGroupId === sgId);
  if (!sg)
    errors.push({
      code: "security-group-unknown",
      field: "securityGroupId",
      id: sgId,
      message: `Security group ${sgId} was not found in region ${regionId}; pick a security group of ${vpcId}`,
    });
  else if (sg.vpcId !== vpcId)
    errors.push({
      code: "security-group-other-vpc",
      field: "securityGroupId",
      id: sgId,
      message: `Security group ${sgId} belongs to ${sg.vpcId}, not to ${vpcId}; pick a security group of ${vpcId}`,
    });

  return { errors, warnings };
}
