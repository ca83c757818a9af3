// ECI 2018-08-08 (RPC): regions, and container groups that consume vSwitch IPs. Nothing runs.
// ECI responses use plain JSON arrays (no {Item:[...]} wrappers), unlike VPC/ECS.
import { ApiError, Errors } from "./errors";
import { isoNow, randomAlnum } from "./ids";
import type { ContainerGroup, VSwitch } from "./state";
import { type Ctx, intParam, listParam, optional, type Product, required, requireRegion } from "./types";

/** Documented stock error: the zone has no ECI capacity (fault "noStockZones"). */
export const NO_STOCK_CODE = "RecommendEmpty.InstanceTypeNoStock";

function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

function allocateIp(ctx: Ctx, vsw: VSwitch): string {
  const [base] = vsw.cidrBlock.split("/");
  const used = new Set(
    Object.values(ctx.state.containerGroups)
      .filter((c) => c.vSwitchId === vsw.vSwitchId)
      .map((c) => c.intranetIp),
  );
  // Skip the network address and the reserved gateway addresses at the start.
  for (let off = 3; off < vsw.totalIps + 3; off++) {
    const ip = intToIp(ipToInt(base) + off);
    if (!used.has(ip)) return ip;
  }
  throw new ApiError(400, "InvalidVSwitchId.IpNotEnough", "The specified vSwitch does not have enough IP addresses.");
}

function cgView(c: ContainerGroup) {
  return {
    ContainerGroupId: c.containerGroupId,
    ContainerGroupName: c.containerGroupName,
    RegionId: c.regionId,
    ZoneId: c.zoneId,
    VSwitchId: c.vSwitchId,
    VpcId: c.vpcId,
    SecurityGroupId: c.securityGroupId,
    Status: c.status,
    Cpu: c.cpu,
    Memory: c.memory,
    InstanceType: c.instanceType,
    IntranetIp: c.intranetIp,
    CreationTime: c.creationTime,
    SucceededTime: "",
    ExpiredTime: "",
    Discount: 1,
    RestartPolicy: "Always",
    Containers: c.containers.map((x) => ({
      Name: x.name,
      Image: x.image,
      Cpu: x.cpu,
      Memory: x.memory,
      Ready: true,
      RestartCount: 0,
      CurrentState: { State: "Running", StartTime: c.creationTime },
    })),
    Tags: c.tags.map((t) => ({ Key: t.key, Value: t.value })),
    Events: [],
  };
}

export const eci: Product = {
  name: "Eci",
  code: "eci",
  version: "2018-08-08",
  hostId: "eci.aliyuncs.com",
  style: "RPC",
  deniedCode: "Forbidden.RAM",
  actions: {
    DescribeRegions: {
      // As the real service: authenticated, but not authorised by RAM. ECI's API reference for DescribeRegions says
      // "RAM authorization: No authorization for this operation"
      // (https://help.aliyun.com/en/eci/developer-reference/api-eci-2018-08-08-describeregions), so a RAM user
      // without any ECI policy may call it; an unknown or disabled key is still refused.
      noAuth: true,
      handler(ctx) {
        const only = optional(ctx, "RegionId");
        return {
          Regions: ctx.state.regions
            .filter((r) => only === undefined || r.regionId === only)
            .map((r) => {
              const zones = ctx.state.zones.filter((z) => z.regionId === r.regionId).map((z) => z.zoneId);
              const vswZones = new Set(ctx.state.vswitches.filter((v) => v.regionId === r.regionId).map((v) => v.zoneId));
              return {
                RegionId: r.regionId,
                RegionEndpoint: `eci.${r.regionId}.aliyuncs.com`,
                Zones: zones,
                RecommendZones: zones.filter((z) => vswZones.has(z) && !ctx.faults.isOutOfStock(z)),
                DualStackZones: [],
              };
            }),
        };
      },
    },
    CreateContainerGroup: {
      mutates: true,
      handler(ctx) {
        const region = requireRegion(ctx);
        const name = required(ctx, "ContainerGroupName");
        if (!/^[a-z0-9]([a-z0-9-]{0,126}[a-z0-9])?$/.test(name))
          throw new ApiError(400, "InvalidParameter.ContainerGroupName", "The ContainerGroupName must be 2 to 128 lowercase letters, digits or hyphens.");
        const containers = listParam(ctx, "Container");
        if (containers.length === 0) throw Errors.missing("Container.1.Name");
        containers.forEach((c, i) => {
          if (!c.Name) throw Errors.missing(`Container.${i + 1}.Name`);
          if (!c.Image) throw Errors.missing(`Container.${i + 1}.Image`);
        });
        const sgId = optional(ctx, "SecurityGroupId");
        const sg =
          sgId === undefined
            ? ctx.state.securityGroups.find((g) => g.regionId === region.regionId)!
            : ctx.state.securityGroups.find((g) => g.securityGroupId === sgId && g.regionId === region.regionId);
        if (!sg) throw new ApiError(400, "InvalidSecurityGroupId.NotFound", "The specified security group does not exist.");
        const vswIds = (optional(ctx, "VSwitchId") ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        if (vswIds.length > 10) throw new ApiError(400, "InvalidParameter.VSwitchId", "At most 10 vSwitches can be specified.");
        let candidates = vswIds.length
          ? vswIds.map((id) => ctx.state.vswitches.find((v) => v.vSwitchId === id && v.regionId === region.regionId))
          : ctx.state.vswitches.filter((v) => v.vpcId === sg.vpcId);
        if (candidates.some((v) => v === undefined)) throw new ApiError(400, "InvalidVSwitchId.NotFound", "The specified vSwitch does not exist.");
        const vsws = candidates as VSwitch[];
        if (vsws.some((v) => v.vpcId !== sg.vpcId)) throw new ApiError(400, "InvalidParameter.VpcMismatch", "The security group and the vSwitch are not in the same VPC.");
        const zoneId = optional(ctx, "ZoneId");
        candidates = zoneId === undefined ? vsws : vsws.filter((v) => v.zoneId === zoneId);
        if (candidates.length === 0) throw new ApiError(400, "InvalidParameter.ZoneId", "The specified zone has no matching vSwitch.");
        // Multi-zone: try the vSwitches in order, skipping zones without stock.
        const vsw = (candidates as VSwitch[]).find((v) => !ctx.faults.isOutOfStock(v.zoneId) && v.usedIps < v.totalIps);
        if (!vsw) {
          if ((candidates as VSwitch[]).every((v) => ctx.faults.isOutOfStock(v.zoneId)))
            throw new ApiError(400, NO_STOCK_CODE, "Create ECI failed because the specified instance is out of stock in the specified zones.");
          throw new ApiError(400, "InvalidVSwitchId.IpNotEnough", "The specified vSwitch does not have enough IP addresses.");
        }
        const cpu = Number(optional(ctx, "Cpu") ?? 2);
        const memory = Number(optional(ctx, "Memory") ?? 4);
        if (!(cpu > 0) || !(memory > 0)) throw new ApiError(400, "InvalidParameter.CpuOrMemory", "Cpu and Memory must be positive numbers.");
        const cg: ContainerGroup = {
          containerGroupId: `eci-${region.regionId === "cn-shanghai" ? "uf6" : "bp1"}${randomAlnum(17)}`,
          containerGroupName: name,
          regionId: region.regionId,
          zoneId: vsw.zoneId,
          vSwitchId: vsw.vSwitchId,
          vpcId: vsw.vpcId,
          securityGroupId: sg.securityGroupId,
          status: "Running",
          cpu,
          memory,
          instanceType: optional(ctx, "InstanceType") ?? "",
          intranetIp: allocateIp(ctx, vsw),
          creationTime: isoNow(),
          containers: containers.map((c) => ({ name: c.Name, image: c.Image, cpu: Number(c.Cpu ?? 0), memory: Number(c.Memory ?? 0) })),
          tags: listParam(ctx, "Tag").map((t) => ({ key: t.Key ?? "", value: t.Value ?? "" })),
        };
        vsw.usedIps++;
        ctx.state.containerGroups[cg.containerGroupId] = cg;
        return { ContainerGroupId: cg.containerGroupId };
      },
    },
    DescribeContainerGroups: {
      handler(ctx) {
        const region = requireRegion(ctx);
        let ids: string[] | undefined;
        const rawIds = optional(ctx, "ContainerGroupIds");
        if (rawIds !== undefined) {
          try {
            ids = JSON.parse(rawIds) as string[];
            if (!Array.isArray(ids)) throw new Error("not an array");
          } catch {
            throw new ApiError(400, "InvalidParameter.ContainerGroupIds", "ContainerGroupIds must be a JSON array of strings.");
          }
        }
        const name = optional(ctx, "ContainerGroupName");
        const status = optional(ctx, "Status");
        const zoneId = optional(ctx, "ZoneId");
        const vswId = optional(ctx, "VSwitchId");
        const tags = listParam(ctx, "Tag");
        const limit = intParam(ctx, "Limit", 20, 1, 100);
        const start = optional(ctx, "NextToken") ? Number(Buffer.from(ctx.query.NextToken, "base64url").toString()) || 0 : 0;
        const all = Object.values(ctx.state.containerGroups).filter(
          (c) =>
            c.regionId === region.regionId &&
            (!ids || ids.includes(c.containerGroupId)) &&
            (name === undefined || c.containerGroupName === name) &&
            (status === undefined || c.status === status) &&
            (zoneId === undefined || c.zoneId === zoneId) &&
            (vswId === undefined || c.vSwitchId === vswId) &&
            tags.every((t) => c.tags.some((x) => x.key === t.Key && (t.Value === undefined || x.value === t.Value))),
        );
        const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString("base64url") : "";
        return { TotalCount: all.length, NextToken: next, ContainerGroups: all.slice(start, start + limit).map(cgView) };
      },
    },
    DeleteContainerGroup: {
      mutates: true,
      handler(ctx) {
        const region = requireRegion(ctx);
        const id = required(ctx, "ContainerGroupId");
        const cg = ctx.state.containerGroups[id];
        if (!cg || cg.regionId !== region.regionId) throw new ApiError(404, "InvalidContainerGroupId.NotFound", "The specified container group does not exist.");
        const vsw = ctx.state.vswitches.find((v) => v.vSwitchId === cg.vSwitchId);
        if (vsw) vsw.usedIps = Math.max(0, vsw.usedIps - 1);
        delete ctx.state.containerGroups[id];
        return {};
      },
    },
  },
};
