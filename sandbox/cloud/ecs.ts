// ECS 2014-05-26 (RPC): DescribeSecurityGroups for the security-group picker.
import { ApiError } from "./errors";
import { type Ctx, intParam, listParam, optional, paginate, type Product, requireRegion } from "./types";

function idsParam(ctx: Ctx): string[] | undefined {
  const raw = optional(ctx, "SecurityGroupIds");
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v;
  } catch {
    // fall through
  }
  throw new ApiError(400, "InvalidSecurityGroupIds.Malformed", "The specified parameter SecurityGroupIds is not a JSON array of strings.");
}

export const ecs: Product = {
  name: "Ecs",
  code: "ecs",
  version: "2014-05-26",
  hostId: "ecs.aliyuncs.com",
  style: "RPC",
  deniedCode: "Forbidden.RAM",
  actions: {
    DescribeSecurityGroups: {
      handler(ctx) {
        const region = requireRegion(ctx);
        const vpcId = optional(ctx, "VpcId");
        const id = optional(ctx, "SecurityGroupId");
        const ids = idsParam(ctx);
        const name = optional(ctx, "SecurityGroupName");
        const type = optional(ctx, "SecurityGroupType");
        const tagged = listParam(ctx, "Tag").length > 0; // seeded groups carry no tags, so a tag filter matches nothing
        const all = ctx.state.securityGroups.filter(
          (g) =>
            g.regionId === region.regionId &&
            (vpcId === undefined || g.vpcId === vpcId) &&
            (id === undefined || g.securityGroupId === id) &&
            (!ids || ids.includes(g.securityGroupId)) &&
            (name === undefined || g.securityGroupName === name) &&
            (type === undefined || type === "normal") &&
            !tagged,
        );
        const view = (g: (typeof all)[number]) => ({
          SecurityGroupId: g.securityGroupId,
          SecurityGroupName: g.securityGroupName,
          VpcId: g.vpcId,
          SecurityGroupType: "normal",
          CreationTime: g.creationTime,
          Description: g.description,
          ResourceGroupId: "",
          ServiceManaged: false,
          EcsCount: 0,
          AvailableInstanceAmount: 2000,
          RuleCount: 2,
          GroupToGroupRuleCount: 0,
          Tags: { Tag: [] },
        });
        const maxResults = optional(ctx, "MaxResults");
        if (maxResults !== undefined || optional(ctx, "NextToken") !== undefined) {
          const max = intParam(ctx, "MaxResults", 10, 1, 100);
          const start = optional(ctx, "NextToken") ? Number(Buffer.from(ctx.query.NextToken, "base64url").toString()) || 0 : 0;
          const next = start + max < all.length ? Buffer.from(String(start + max)).toString("base64url") : "";
          return { RegionId: region.regionId, NextToken: next, SecurityGroups: { SecurityGroup: all.slice(start, start + max).map(view) } };
        }
        const pageNumber = intParam(ctx, "PageNumber", 1, 1, 1_000_000);
        const pageSize = intParam(ctx, "PageSize", 10, 1, 50);
        return {
          RegionId: region.regionId,
          TotalCount: all.length,
          PageNumber: pageNumber,
          PageSize: pageSize,
          SecurityGroups: { SecurityGroup: paginate(all, pageNumber, pageSize).map(view) },
        };
      },
    },
  },
};
