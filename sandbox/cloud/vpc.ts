// VPC 2016-04-28 (RPC): the read actions behind the VPC / vSwitch pickers.
import { Errors } from "./errors";
import type { VSwitch } from "./state";
import { boolParam, type Ctx, intParam, optional, paginate, type Product, requireRegion } from "./types";

const OWNER = (ctx: Ctx) => Number(ctx.state.accountId);

export function vswitchView(ctx: Ctx, v: VSwitch) {
  return {
    VSwitchId: v.vSwitchId,
    VSwitchName: v.vSwitchName,
    VpcId: v.vpcId,
    ZoneId: v.zoneId,
    CidrBlock: v.cidrBlock,
    AvailableIpAddressCount: v.totalIps - v.usedIps,
    Status: "Available",
    IsDefault: v.isDefault,
    CreationTime: v.creationTime,
    Description: v.description,
    ResourceGroupId: "",
    OwnerId: OWNER(ctx),
    NetworkAclId: "",
    ShareType: "",
    EnabledIpv6: false,
    Ipv6CidrBlock: "",
    RouteTable: { RouteTableId: "", RouteTableType: "System" },
    Tags: { Tag: [] },
  };
}

export const vpc: Product = {
  name: "Vpc",
  code: "vpc",
  version: "2016-04-28",
  hostId: "vpc.aliyuncs.com",
  style: "RPC",
  deniedCode: "Forbidden.RAM",
  actions: {
    DescribeVpcs: {
      handler(ctx) {
        const region = requireRegion(ctx);
        const ids = optional(ctx, "VpcId")
          ?.split(",")
          .map((s) => s.trim());
        const name = optional(ctx, "VpcName");
        const isDefault = boolParam(ctx, "IsDefault");
        const pageNumber = intParam(ctx, "PageNumber", 1, 1, 1_000_000);
        const pageSize = intParam(ctx, "PageSize", 10, 1, 50);
        const all = ctx.state.vpcs.filter(
          (v) =>
            v.regionId === region.regionId &&
            (!ids || ids.includes(v.vpcId)) &&
            (name === undefined || v.vpcName === name) &&
            (isDefault === undefined || v.isDefault === isDefault),
        );
        return {
          TotalCount: all.length,
          PageNumber: pageNumber,
          PageSize: pageSize,
          Vpcs: {
            Vpc: paginate(all, pageNumber, pageSize).map((v) => ({
              VpcId: v.vpcId,
              VpcName: v.vpcName,
              RegionId: v.regionId,
              CidrBlock: v.cidrBlock,
              Status: "Available",
              IsDefault: v.isDefault,
              CreationTime: v.creationTime,
              Description: v.description,
              VRouterId: v.vRouterId,
              ResourceGroupId: "",
              OwnerId: OWNER(ctx),
              VSwitchIds: { VSwitchId: ctx.state.vswitches.filter((s) => s.vpcId === v.vpcId).map((s) => s.vSwitchId) },
              UserCidrs: { UserCidr: [] },
              SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
              NatGatewayIds: { NatGatewayIds: [] },
              RouterTableIds: { RouterTableIds: [] },
              EnabledIpv6: false,
              Ipv6CidrBlock: "",
              Tags: { Tag: [] },
            })),
          },
        };
      },
    },
    DescribeVSwitches: {
      handler(ctx) {
        const regionId = optional(ctx, "RegionId");
        const vpcId = optional(ctx, "VpcId");
        if (regionId === undefined && vpcId === undefined) throw Errors.missing("RegionId");
        if (regionId !== undefined) requireRegion(ctx);
        const zoneId = optional(ctx, "ZoneId");
        const ids = optional(ctx, "VSwitchId")
          ?.split(",")
          .map((s) => s.trim());
        const name = optional(ctx, "VSwitchName");
        const isDefault = boolParam(ctx, "IsDefault");
        const pageNumber = intParam(ctx, "PageNumber", 1, 1, 1_000_000);
        const pageSize = intParam(ctx, "PageSize", 10, 1, 50);
        const all = ctx.state.vswitches.filter(
          (v) =>
            (regionId === undefined || v.regionId === regionId) &&
            (vpcId === undefined || v.vpcId === vpcId) &&
            (zoneId === undefined || v.zoneId === zoneId) &&
            (!ids || ids.includes(v.vSwitchId)) &&
            (name === undefined || v.vSwitchName === name) &&
            (isDefault === undefined || v.isDefault === isDefault),
        );
        return { TotalCount: all.length, PageNumber: pageNumber, PageSize: pageSize, VSwitches: { VSwitch: paginate(all, pageNumber, pageSize).map((v) => vswitchView(ctx, v)) } };
      },
    },
    DescribeZones: {
      handler(ctx) {
        const region = requireRegion(ctx);
        const zoneType = optional(ctx, "ZoneType") ?? "AvailabilityZone";
        const zones = zoneType === "AvailabilityZone" ? ctx.state.zones.filter((z) => z.regionId === region.regionId) : [];
        return { Zones: { Zone: zones.map((z) => ({ ZoneId: z.zoneId, LocalName: z.localName, ZoneType: "AvailabilityZone" })) } };
      },
    },
  },
};
