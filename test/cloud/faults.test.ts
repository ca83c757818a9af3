// Run-time fault injection through the admin endpoint on the emulator's port (administrator credential required).
import * as $Ram from "@alicloud/ram20150501";
import * as $Vpc from "@alicloud/vpc20160428";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { clearFaults, getFaults, listCalls, setFaults } from "@/sandbox/cloud/admin-client";
import { admin, callEci, clients, errorOf, startTestEmulator, type TestEnv } from "./helpers";

let env: TestEnv;
let c: ReturnType<typeof clients>;
beforeAll(async () => {
  env = await startTestEmulator();
  c = clients(env.emu);
});
afterEach(async () => {
  await admin(env.emu, "DELETE", "/__sandbox/faults");
});
afterAll(() => env.cleanup());

describe("fault injection", () => {
  test("throttling: Throttling.User 400 becomes the SDK's ThrottlingError; count limits it", async () => {
    expect(await admin(env.emu, "POST", "/__sandbox/faults", { throttle: { product: "vpc", count: 1 } })).toMatchObject({ status: 200 });
    const e = await errorOf(() => c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou" })));
    expect(e).toMatchObject({ name: "ThrottlingError", code: "Throttling.User", statusCode: 400 });
    expect((await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou" }))).statusCode).toBe(200);
  });
  test("throttling scoped to one action leaves others alone", async () => {
    await admin(env.emu, "POST", "/__sandbox/faults", { throttle: { action: "ListUsers" } });
    expect(await errorOf(() => c.ram.listUsers(new $Ram.ListUsersRequest({})))).toMatchObject({ code: "Throttling.User" });
    expect(await errorOf(() => c.ram.listUsers(new $Ram.ListUsersRequest({})))).toMatchObject({ code: "Throttling.User" });
    expect((await c.ram.listPolicies(new $Ram.ListPoliciesRequest({}))).statusCode).toBe(200);
  });
  test("5xx: ServerError with the configured status and code", async () => {
    await admin(env.emu, "POST", "/__sandbox/faults", { serverError: { status: 503, code: "ServiceUnavailable", product: "ram" } });
    const e = await errorOf(() => c.ram.listUsers(new $Ram.ListUsersRequest({})));
    expect(e).toMatchObject({ name: "ServerError", code: "ServiceUnavailable", statusCode: 503 });
    expect((await c.vpc.describeZones(new $Vpc.DescribeZonesRequest({ regionId: "cn-hangzhou" }))).statusCode).toBe(200);
  });
  test("added latency", async () => {
    await admin(env.emu, "POST", "/__sandbox/faults", { latencyMs: 300 });
    const t0 = performance.now();
    await c.vpc.describeZones(new $Vpc.DescribeZonesRequest({ regionId: "cn-hangzhou" }));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });
  test("a zone out of ECI stock: CreateContainerGroup there fails with the stock error; other zones are used", async () => {
    await admin(env.emu, "POST", "/__sandbox/faults", { noStockZones: ["cn-hangzhou-h"] });
    const vsws = (await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou", pageSize: 50 }))).body!.vSwitches!.vSwitch!;
    const h = vsws.find((v) => v.zoneId === "cn-hangzhou-h")!;
    const i = vsws.find((v) => v.zoneId === "cn-hangzhou-i")!;
    const base = { RegionId: "cn-hangzhou", "Container.1.Name": "c", "Container.1.Image": "busybox" };
    const e = await errorOf(() => callEci(env.emu, "CreateContainerGroup", { ...base, ContainerGroupName: "in-h", VSwitchId: h.vSwitchId! }));
    expect(e).toMatchObject({ name: "ClientError", code: "RecommendEmpty.InstanceTypeNoStock", statusCode: 400 });
    const ok = await callEci(env.emu, "CreateContainerGroup", { ...base, ContainerGroupName: "h-or-i", VSwitchId: `${h.vSwitchId},${i.vSwitchId}` });
    const d = await callEci(env.emu, "DescribeContainerGroups", { RegionId: "cn-hangzhou", ContainerGroupIds: JSON.stringify([ok.ContainerGroupId]) });
    expect((d.ContainerGroups as { ZoneId: string }[])[0].ZoneId).toBe("cn-hangzhou-i");
    const regions = (await callEci(env.emu, "DescribeRegions", { RegionId: "cn-hangzhou" })).Regions as { RecommendZones: string[] }[];
    expect(regions[0].RecommendZones).not.toContain("cn-hangzhou-h");
  });
  test("the admin endpoint reads, validates and clears the configuration", async () => {
    expect(await admin(env.emu, "GET", "/__sandbox/faults")).toEqual({ status: 200, json: {} });
    expect((await admin(env.emu, "POST", "/__sandbox/faults", { bogus: true })).status).toBe(400);
    expect((await admin(env.emu, "POST", "/__sandbox/faults", { serverError: { status: 404 } })).status).toBe(400);
    await admin(env.emu, "POST", "/__sandbox/faults", { serverError: {} });
    expect(await admin(env.emu, "GET", "/__sandbox/faults")).toEqual({ status: 200, json: { serverError: { status: 500, code: "InternalError" } } });
    expect(await admin(env.emu, "DELETE", "/__sandbox/faults")).toEqual({ status: 200, json: {} });
  });
  test("the admin endpoints need the administrator credential: none → 401, another key's secret → 403", async () => {
    for (const [method, body] of [
      ["GET", undefined],
      ["POST", { throttle: {} }],
      ["DELETE", undefined],
    ] as const) {
      const none = await admin(env.emu, method, "/__sandbox/faults", body, null);
      expect(none.status).toBe(401);
      expect(await admin(env.emu, method, "/__sandbox/faults", body, "not-the-admin-secret")).toMatchObject({ status: 403 });
    }
    expect((await admin(env.emu, "GET", "/__sandbox/calls", undefined, null)).status).toBe(401);
    // A RAM user's own secret is not the administrator's either.
    await c.ram.createUser(new $Ram.CreateUserRequest({ userName: "not-admin" }));
    const k = (await c.ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "not-admin" }))).body!.accessKey!;
    expect((await admin(env.emu, "POST", "/__sandbox/faults", { throttle: {} }, k.accessKeySecret!)).status).toBe(403);
    // Nothing was configured by the refused requests; health stays open.
    expect(await admin(env.emu, "GET", "/__sandbox/faults")).toEqual({ status: 200, json: {} });
    expect(await admin(env.emu, "GET", "/__sandbox/health", undefined, null)).toEqual({ status: 200, json: { ok: true } });
  });
  test("the admin client (setFaults, getFaults, clearFaults, listCalls) signs in with the administrator secret", async () => {
    expect(await setFaults(env.emu, { throttle: { product: "ram", action: "GetUser", count: 2 } })).toEqual({ throttle: { product: "ram", action: "GetUser", count: 2 } });
    expect(await getFaults(env.emu)).toEqual({ throttle: { product: "ram", action: "GetUser", count: 2 } });
    await clearFaults(env.emu);
    expect(await getFaults(env.emu)).toEqual({});
    await expect(setFaults({ endpoint: env.emu.endpoint, accessKeySecret: "wrong" }, {})).rejects.toThrow(/403/);
    await c.vpc.describeZones(new $Vpc.DescribeZonesRequest({ regionId: "cn-hangzhou" }));
    const last = (await listCalls(env.emu)).at(-1);
    expect(last).toMatchObject({ product: "vpc", action: "DescribeZones", accessKeyId: env.emu.accessKeyId, userName: null, sourceIp: "127.0.0.1", status: 200 });
    expect(JSON.stringify(await listCalls(env.emu))).not.toContain(env.emu.accessKeySecret);
  });
  test("faults never bypass authentication", async () => {
    await admin(env.emu, "POST", "/__sandbox/faults", { throttle: {} });
    const e = await errorOf(() => clients(env.emu, { accessKeyId: env.emu.accessKeyId, accessKeySecret: "wrong" }).ram.listUsers(new $Ram.ListUsersRequest({})));
    expect(e).toMatchObject({ code: "SignatureDoesNotMatch" });
  });
});
