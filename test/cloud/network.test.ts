// VPC and ECS through their official clients, ECI through openapi-core's generic callApi:
// seeded data, filters, errors and permission denials.
import * as $Ram from "@alicloud/ram20150501";
import * as $Vpc from "@alicloud/vpc20160428";
import * as $Ecs from "@alicloud/ecs20140526";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callEci, clients, errorOf, type Keys, startTestEmulator, type TestEnv } from "./helpers";

let env: TestEnv;
let c: ReturnType<typeof clients>;
beforeAll(async () => {
  env = await startTestEmulator();
  c = clients(env.emu);
});
afterAll(() => env.cleanup());

async function userKeys(name: string, policies: [string, "System" | "Custom"][]): Promise<Keys> {
  await c.ram.createUser(new $Ram.CreateUserRequest({ userName: name }));
  for (const [policyName, policyType] of policies) await c.ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: name, policyName, policyType }));
  const k = (await c.ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: name }))).body!.accessKey!;
  return { accessKeyId: k.accessKeyId!, accessKeySecret: k.accessKeySecret! };
}

describe("VPC", () => {
  test("DescribeVpcs", async () => {
    const r = await c.vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: "cn-hangzhou" }));
    expect(r.body?.totalCount).toBe(1);
    const v = r.body!.vpcs!.vpc![0];
    expect(v.vpcId).toMatch(/^vpc-bp1[a-z0-9]{17}$/);
    expect(v).toMatchObject({ regionId: "cn-hangzhou", cidrBlock: "192.168.0.0/16", status: "Available" });
    expect(v.vSwitchIds?.vSwitchId?.length).toBe(4);
    expect((await c.vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: "cn-shanghai" }))).body?.vpcs?.vpc?.[0].vpcId).toMatch(/^vpc-uf6/);
    expect((await c.vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: "cn-hangzhou", vpcId: "vpc-none" }))).body).toMatchObject({ totalCount: 0, vpcs: { vpc: [] } });
  });
  test("DescribeVSwitches: zones, CIDRs, available IPs, filters and paging", async () => {
    const all = await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou", pageSize: 50 }));
    const vsws = all.body!.vSwitches!.vSwitch!;
    expect(new Set(vsws.map((v) => v.zoneId))).toEqual(new Set(["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-b"]));
    for (const v of vsws) {
      expect(v.vSwitchId).toMatch(/^vsw-bp1[a-z0-9]{17}$/);
      expect(v.status).toBe("Available");
      expect(v.availableIpAddressCount).toBe(2 ** (32 - Number(v.cidrBlock!.split("/")[1])) - 4);
    }
    const h = await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ vpcId: vsws[0].vpcId, zoneId: "cn-hangzhou-h" }));
    expect(h.body?.vSwitches?.vSwitch?.map((v) => v.zoneId)).toEqual(["cn-hangzhou-h"]);
    const p2 = await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou", pageSize: 3, pageNumber: 2 }));
    expect(p2.body).toMatchObject({ totalCount: 4, pageNumber: 2, pageSize: 3 });
    expect(p2.body?.vSwitches?.vSwitch).toHaveLength(1);
    expect(await errorOf(() => c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({})))).toMatchObject({ code: "MissingRegionId", statusCode: 400 });
    expect(await errorOf(() => c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "mars-1" })))).toMatchObject({
      code: "InvalidRegionId.NotFound",
      statusCode: 404,
    });
    expect(await errorOf(() => c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou", pageSize: 51 })))).toMatchObject({
      code: "InvalidParameter.PageSize",
      statusCode: 400,
    });
  });
  test("DescribeZones", async () => {
    const r = await c.vpc.describeZones(new $Vpc.DescribeZonesRequest({ regionId: "cn-hangzhou" }));
    expect(r.body?.zones?.zone?.map((z) => z.zoneId)).toEqual(expect.arrayContaining(["cn-hangzhou-b", "cn-hangzhou-h", "cn-hangzhou-i"]));
    expect(await errorOf(() => c.vpc.describeZones(new $Vpc.DescribeZonesRequest({})))).toMatchObject({ code: "MissingRegionId" });
  });
});

describe("ECS", () => {
  test("DescribeSecurityGroups: filters, JSON id list, NextToken paging", async () => {
    const r = await c.ecs.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: "cn-hangzhou" }));
    const sg = r.body!.securityGroups!.securityGroup![0];
    expect(sg.securityGroupId).toMatch(/^sg-bp1[a-z0-9]{17}$/);
    expect(sg).toMatchObject({ securityGroupType: "normal", securityGroupName: "vnode-console-sg" });
    expect(r.body?.totalCount).toBe(1);
    const vpcs = await c.vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: "cn-hangzhou" }));
    expect(sg.vpcId).toBe(vpcs.body?.vpcs?.vpc?.[0].vpcId);
    const byIds = await c.ecs.describeSecurityGroups(
      new $Ecs.DescribeSecurityGroupsRequest({ regionId: "cn-hangzhou", securityGroupIds: JSON.stringify([sg.securityGroupId, "sg-other"]) }),
    );
    expect(byIds.body?.securityGroups?.securityGroup?.map((g) => g.securityGroupId)).toEqual([sg.securityGroupId]);
    const tok = await c.ecs.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: "cn-hangzhou", maxResults: 10 }));
    expect(tok.body?.nextToken).toBe("");
    expect(tok.body?.totalCount).toBeUndefined();
    expect(
      (await c.ecs.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: "cn-hangzhou", vpcId: "vpc-none" }))).body?.securityGroups?.securityGroup,
    ).toEqual([]);
    expect(await errorOf(() => c.ecs.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: "cn-hangzhou", securityGroupIds: "sg-1" })))).toMatchObject({
      code: "InvalidSecurityGroupIds.Malformed",
      statusCode: 400,
    });
    expect(await errorOf(() => c.ecs.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({})))).toMatchObject({
      code: "MissingRegionId",
      statusCode: 400,
      data: expect.objectContaining({ HostId: "ecs.aliyuncs.com" }),
    });
  });
});

describe("ECI (2018-08-08 via generic callApi)", () => {
  test("DescribeRegions lists the supported regions and zones", async () => {
    const r = await callEci(env.emu, "DescribeRegions", {});
    const regions = r.Regions as { RegionId: string; Zones: string[]; RecommendZones: string[] }[];
    expect(regions.map((x) => x.RegionId)).toEqual(["cn-hangzhou", "cn-shanghai"]);
    expect(regions[0].Zones).toEqual(expect.arrayContaining(["cn-hangzhou-b", "cn-hangzhou-h", "cn-hangzhou-i"]));
  });
  test("CreateContainerGroup, DescribeContainerGroups, DeleteContainerGroup; IPs come from the vSwitch", async () => {
    const vsws = (await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou", zoneId: "cn-hangzhou-i" }))).body!.vSwitches!.vSwitch!;
    const sg = (await c.ecs.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: "cn-hangzhou" }))).body!.securityGroups!.securityGroup![0];
    const before = vsws[0].availableIpAddressCount!;
    const created = await callEci(env.emu, "CreateContainerGroup", {
      RegionId: "cn-hangzhou",
      ContainerGroupName: "nginx-test",
      SecurityGroupId: sg.securityGroupId!,
      VSwitchId: vsws[0].vSwitchId!,
      "Container.1.Name": "nginx",
      "Container.1.Image": "registry-vpc.cn-hangzhou.aliyuncs.com/eci_open/nginx:latest",
      Cpu: "2",
      Memory: "4",
      "Tag.1.Key": "app",
      "Tag.1.Value": "web",
    });
    const id = created.ContainerGroupId as string;
    expect(id).toMatch(/^eci-bp1[a-z0-9]{17}$/);
    const after = (await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou", vSwitchId: vsws[0].vSwitchId }))).body!.vSwitches!.vSwitch![0];
    expect(after.availableIpAddressCount).toBe(before - 1);
    const d = await callEci(env.emu, "DescribeContainerGroups", { RegionId: "cn-hangzhou", ContainerGroupIds: JSON.stringify([id]) });
    expect(d.TotalCount).toBe(1);
    expect((d.ContainerGroups as Record<string, unknown>[])[0]).toMatchObject({
      ContainerGroupId: id,
      ZoneId: "cn-hangzhou-i",
      Status: "Running",
      VSwitchId: vsws[0].vSwitchId,
      Tags: [{ Key: "app", Value: "web" }],
    });
    expect((d.ContainerGroups as { IntranetIp: string }[])[0].IntranetIp).toMatch(/^192\.168\.(1[6-9]|2\d|3[01])\./);
    expect((await callEci(env.emu, "DescribeContainerGroups", { RegionId: "cn-hangzhou", "Tag.1.Key": "app", "Tag.1.Value": "db" })).TotalCount).toBe(0);
    await callEci(env.emu, "DeleteContainerGroup", { RegionId: "cn-hangzhou", ContainerGroupId: id });
    expect((await callEci(env.emu, "DescribeContainerGroups", { RegionId: "cn-hangzhou" })).TotalCount).toBe(0);
    expect(await errorOf(() => callEci(env.emu, "DeleteContainerGroup", { RegionId: "cn-hangzhou", ContainerGroupId: id }))).toMatchObject({
      code: "InvalidContainerGroupId.NotFound",
      statusCode: 404,
    });
  });
  test("multi-zone vSwitch lists place the group in the first usable zone", async () => {
    const vsws = (await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou", pageSize: 50 }))).body!.vSwitches!.vSwitch!;
    const j = vsws.find((v) => v.zoneId === "cn-hangzhou-j")!;
    const h = vsws.find((v) => v.zoneId === "cn-hangzhou-h")!;
    const r = await callEci(env.emu, "CreateContainerGroup", {
      RegionId: "cn-hangzhou",
      ContainerGroupName: "multi",
      VSwitchId: `${j.vSwitchId},${h.vSwitchId}`,
      "Container.1.Name": "c",
      "Container.1.Image": "busybox",
    });
    const d = await callEci(env.emu, "DescribeContainerGroups", { RegionId: "cn-hangzhou", ContainerGroupName: "multi" });
    expect((d.ContainerGroups as { ZoneId: string; ContainerGroupId: string }[])[0]).toMatchObject({ ZoneId: "cn-hangzhou-j", ContainerGroupId: r.ContainerGroupId });
  });
  test("parameter errors", async () => {
    expect(await errorOf(() => callEci(env.emu, "CreateContainerGroup", { RegionId: "cn-hangzhou", "Container.1.Name": "c", "Container.1.Image": "i" }))).toMatchObject({
      code: "MissingContainerGroupName",
      statusCode: 400,
    });
    expect(await errorOf(() => callEci(env.emu, "CreateContainerGroup", { RegionId: "cn-hangzhou", ContainerGroupName: "x1", "Container.1.Name": "c" }))).toMatchObject({
      code: "MissingContainer.1.Image",
    });
    expect(
      await errorOf(() =>
        callEci(env.emu, "CreateContainerGroup", { RegionId: "cn-hangzhou", ContainerGroupName: "x1", VSwitchId: "vsw-nope", "Container.1.Name": "c", "Container.1.Image": "i" }),
      ),
    ).toMatchObject({ code: "InvalidVSwitchId.NotFound" });
    expect(
      await errorOf(() =>
        callEci(env.emu, "CreateContainerGroup", {
          RegionId: "cn-hangzhou",
          ContainerGroupName: "x1",
          SecurityGroupId: "sg-nope",
          "Container.1.Name": "c",
          "Container.1.Image": "i",
        }),
      ),
    ).toMatchObject({ code: "InvalidSecurityGroupId.NotFound" });
    expect(await errorOf(() => callEci(env.emu, "DescribeContainerGroups", { RegionId: "mars-1" }))).toMatchObject({ code: "InvalidRegionId.NotFound", statusCode: 404 });
  });
});

describe("permission denials for RAM users", () => {
  test("a user without ECI permission is refused by the ECI actions, but may call DescribeRegions", async () => {
    const keys = await userKeys("vpc-only", [["AliyunVPCReadOnlyAccess", "System"]]);
    const user = clients(env.emu, keys);
    expect((await user.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou" }))).body?.totalCount).toBe(4);
    for (const [action, q] of [
      ["CreateContainerGroup", { ContainerGroupName: "x", "Container.1.Name": "c", "Container.1.Image": "i" }],
      ["DescribeContainerGroups", {}],
      ["DeleteContainerGroup", { ContainerGroupId: "eci-x" }],
    ] as const) {
      const e = await errorOf(() => callEci(env.emu, action, { RegionId: "cn-hangzhou", ...q }, keys));
      expect(e).toMatchObject({ name: "ClientError", code: "Forbidden.RAM", statusCode: 403 });
      expect(e.accessDeniedDetail).toMatchObject({ AuthAction: `eci:${action}`, NoPermissionType: "ImplicitDeny" });
    }
    expect((await callEci(env.emu, "DescribeRegions", {}, keys)).Regions).toBeDefined();
    expect(await errorOf(() => user.ecs.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: "cn-hangzhou" })))).toMatchObject({
      code: "Forbidden.RAM",
      statusCode: 403,
    });
    expect(await errorOf(() => user.ram.listUsers(new $Ram.ListUsersRequest({})))).toMatchObject({ code: "NoPermission", statusCode: 403 });
  });
  test("AliyunECIFullAccess allows the ECI actions and the pickers it needs", async () => {
    const keys = await userKeys("eci-user", [["AliyunECIFullAccess", "System"]]);
    expect((await callEci(env.emu, "DescribeContainerGroups", { RegionId: "cn-hangzhou" }, keys)).TotalCount).toBeGreaterThanOrEqual(0);
    expect((await clients(env.emu, keys).ecs.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: "cn-hangzhou" }))).body?.totalCount).toBe(1);
  });
});
