// Checks an eci-profile against what the cloud says exists (DescribeVpcs, DescribeVSwitches,
// DescribeSecurityGroups). Format checks live in schema.ts; this file needs the cloud facts.
import type { EciProfileFields } from "./schema";
import { type AnyTranslate, ENGLISH } from "./words";
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

/** `t` words the findings (the reader's translator; English by default). */
export function validateAgainstVpc(profile: ProfileNetwork, facts: CloudFacts, t: AnyTranslate = ENGLISH): VpcValidation {
  const say = (key: string, values: Record<string, string | number>) => t(`validation.eciProfile.vpc.${key}` as never, values as never);
  const errors: VpcFinding[] = [];
  const warnings: VpcFinding[] = [];
  const { regionId } = facts;
  const { vpcId } = profile;

  const vpc = facts.vpcs.find((v) => v.vpcId === vpcId);
  if (!vpc) errors.push({ code: "vpc-unknown", field: "vpcId", id: vpcId, message: say("vpcUnknown", { vpcId, regionId }) });
  else if (vpc.regionId && vpc.regionId !== regionId)
    errors.push({
      code: "vpc-other-region",
      field: "vpcId",
      id: vpcId,
      message: say("vpcOtherRegion", { vpcId, vpcRegionId: vpc.regionId, regionId }),
    });

  const usable: VSwitchFact[] = [];
  for (const [index, id] of profile.vSwitchIds.entries()) {
    const vsw = facts.vSwitches.find((v) => v.vSwitchId === id);
    const finding = (code: VpcFindingCode, message: string): VpcFinding => ({ code, field: "vSwitchIds", index, id, message });
    if (!vsw) errors.push(finding("vswitch-unknown", say("vSwitchUnknown", { id, regionId, vpcId })));
    else if (!isZoneInRegion(vsw.zoneId, regionId)) errors.push(finding("vswitch-other-region", say("vSwitchOtherRegion", { id, zoneId: vsw.zoneId, regionId })));
    else if (vsw.vpcId !== vpcId) errors.push(finding("vswitch-other-vpc", say("vSwitchOtherVpc", { id, ownerVpcId: vsw.vpcId, vpcId })));
    else {
      usable.push(vsw);
      if (vsw.status !== "Available") warnings.push(finding("vswitch-not-available", say("vSwitchNotAvailable", { id, status: vsw.status })));
      else if (vsw.availableIpAddressCount <= 0) warnings.push(finding("vswitch-no-free-ips", say("vSwitchNoFreeIps", { id, cidrBlock: vsw.cidrBlock, zoneId: vsw.zoneId })));
    }
  }

  const zones = [...new Set(usable.map((v) => v.zoneId))];
  if (zones.length === 1)
    warnings.push({
      code: "single-zone",
      field: "vSwitchIds",
      id: zones[0],
      message: say("singleZone", { zoneId: zones[0] }),
    });

  const sgId = profile.securityGroupId;
  const sg = facts.securityGroups.find((g) => g.securityGroupId === sgId);
  if (!sg)
    errors.push({
      code: "security-group-unknown",
      field: "securityGroupId",
      id: sgId,
      message: say("securityGroupUnknown", { sgId, regionId, vpcId }),
    });
  else if (sg.vpcId !== vpcId)
    errors.push({
      code: "security-group-other-vpc",
      field: "securityGroupId",
      id: sgId,
      message: say("securityGroupOtherVpc", { sgId, ownerVpcId: sg.vpcId, vpcId }),
    });

  return { errors, warnings };
}
