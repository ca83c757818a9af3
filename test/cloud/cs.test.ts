// ACK (CS 2015-12-15, ROA) through the official @alicloud/cs20151215 client. The registered cluster
// is replaced by an in-memory agent here; install.integration.test.ts uses a real kube-apiserver.
import * as $Cs from "@alicloud/cs20151215";
import * as $Ram from "@alicloud/ram20150501";
import * as $Vpc from "@alicloud/vpc20160428";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clients, errorOf, startTestEmulator, type TestEnv, waitFor } from "./helpers";

let env: TestEnv;
let cs: ReturnType<typeof clients>["cs"];
let clusterId: string;
beforeAll(async () => {
  env = await startTestEmulator();
  cs = clients(env.emu).cs;
  clusterId = env.emu.clusters[0].clusterId;
});
afterAll(() => env.cleanup());

const install = (config?: string) => new $Cs.InstallClusterAddonsRequest({ body: [new $Cs.InstallClusterAddonsRequestBody({ name: "ack-virtual-node", config })] });
const uninstall = () =>
  new $Cs.UnInstallClusterAddonsRequest({ addons: [new $Cs.UnInstallClusterAddonsRequestAddons({ name: "ack-virtual-node", cleanupCloudResources: false })] });

async function finished(taskId: string) {
  return waitFor(async () => {
    const t = (await cs.describeTaskInfo(taskId)).body!;
    return t.state === "running" ? undefined : t;
  });
}

describe("clusters", () => {
  test("DescribeClustersV1 lists the registered cluster", async () => {
    const r = await cs.describeClustersV1(new $Cs.DescribeClustersV1Request({ clusterType: "ExternalKubernetes", regionId: "cn-hangzhou" }));
    expect(r.body?.pageInfo).toMatchObject({ totalCount: 1, pageNumber: 1 });
    const c = r.body!.clusters![0];
    expect(c).toMatchObject({ clusterId, name: "sandbox", clusterType: "ExternalKubernetes", regionId: "cn-hangzhou", state: "running" });
    expect(clusterId).toMatch(/^c[0-9a-f]{32}$/);
    expect(c.vpcId).toMatch(/^vpc-bp1/);
    expect(c.vswitchIds?.[0]).toMatch(/^vsw-bp1/);
    expect(c.securityGroupId).toMatch(/^sg-bp1/);
    expect((await cs.describeClustersV1(new $Cs.DescribeClustersV1Request({ clusterType: "ManagedKubernetes" }))).body?.clusters).toEqual([]);
  });
  test("DescribeClusterDetail", async () => {
    expect((await cs.describeClusterDetail(clusterId)).body).toMatchObject({ clusterId, clusterType: "ExternalKubernetes" });
    const e = await errorOf(() => cs.describeClusterDetail("c0000"));
    expect(e).toMatchObject({ name: "ClientError", code: "ErrorClusterNotFound", statusCode: 404 });
    expect(e.data).toMatchObject({ HostId: "cs.aliyuncs.com" });
  });
  test("ListAddons has ack-virtual-node with a config schema", async () => {
    const r = await cs.listAddons(new $Cs.ListAddonsRequest({ clusterId }));
    const a = r.body!.addons!.find((x) => x.name === "ack-virtual-node")!;
    expect(a).toMatchObject({ version: "v2.13.0", category: "others" });
    expect(JSON.parse(a.configSchema!).properties).toHaveProperty("vSwitchIds");
    expect(await errorOf(() => cs.listAddons(new $Cs.ListAddonsRequest({ clusterId: "cnope" })))).toMatchObject({ code: "ErrorClusterNotFound" });
  });
});

describe("add-on install and uninstall", () => {
  test("not installed: empty instances, GetClusterAddonInstance 404, empty version", async () => {
    expect((await cs.listClusterAddonInstances(clusterId)).body?.addons).toEqual([]);
    expect(await errorOf(() => cs.getClusterAddonInstance(clusterId, "ack-virtual-node"))).toMatchObject({ code: "ErrorAddonInstanceNotFound", statusCode: 404 });
    expect((await cs.describeClusterAddonsVersion(clusterId)).body?.["ack-virtual-node"]).toMatchObject({ version: "", next_version: "v2.13.0" });
  });

  test("install runs as a task: running (instance updating) then success (instance active)", async () => {
    let release!: () => void;
    env.agent.gate = new Promise((r) => (release = r));
    const r = await cs.installClusterAddons(clusterId, install());
    expect(r.body).toMatchObject({ clusterId });
    expect(r.body?.taskId).toMatch(/^T-[0-9a-f]{24}$/);
    const running = (await cs.describeTaskInfo(r.body!.taskId!)).body!;
    expect(running).toMatchObject({ state: "running", taskType: "cluster_addon_install", clusterId, target: { id: clusterId, type: "cluster" } });
    expect((await cs.listClusterAddonInstances(clusterId)).body?.addons).toEqual([expect.objectContaining({ name: "ack-virtual-node", state: "updating" })]);
    release();
    env.agent.gate = undefined;
    const done = await finished(r.body!.taskId!);
    expect(done).toMatchObject({ state: "success", taskResult: [{ data: "ack-virtual-node", status: "success" }] });
    expect(done.events?.map((e) => e.reason)).toEqual(["Started", "Succeeded"]);
    expect((await cs.listClusterAddonInstances(clusterId)).body?.addons).toEqual([expect.objectContaining({ name: "ack-virtual-node", state: "active", version: "v2.13.0" })]);
    const inst = (await cs.getClusterAddonInstance(clusterId, "ack-virtual-node")).body!;
    expect(inst).toMatchObject({ name: "ack-virtual-node", state: "active", version: "v2.13.0" });
    expect((await cs.describeClusterAddonsVersion(clusterId)).body?.["ack-virtual-node"]).toMatchObject({ version: "v2.13.0" });
    // The agent received the cluster's default network.
    const p = [...env.agent.installed.values()][0];
    const detail = (await cs.describeClusterDetail(clusterId)).body!;
    expect(p).toMatchObject({
      clusterId,
      regionId: "cn-hangzhou",
      vpcId: detail.vpcId,
      vSwitchIds: detail.vswitchIds,
      securityGroupId: detail.securityGroupId,
      version: "v2.13.0",
    });
    expect(p.webhookUrl).toBeUndefined();
  });

  test("install is idempotent", async () => {
    const r = await cs.installClusterAddons(clusterId, install());
    expect((await finished(r.body!.taskId!)).state).toBe("success");
    expect((await cs.listClusterAddonInstances(clusterId)).body?.addons).toHaveLength(1);
  });

  test("install config overrides the network and is validated", async () => {
    const vsws = env.agent.installed.values().next().value!;
    const vpc = (await clients(env.emu).vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ vpcId: vsws.vpcId, pageSize: 50 }))).body!.vSwitches!.vSwitch!;
    const two = vpc.filter((v) => v.zoneId === "cn-hangzhou-i" || v.zoneId === "cn-hangzhou-j").map((v) => v.vSwitchId!);
    const r = await cs.installClusterAddons(clusterId, install(JSON.stringify({ vSwitchIds: two.join(",") })));
    expect((await finished(r.body!.taskId!)).state).toBe("success");
    expect([...env.agent.installed.values()][0].vSwitchIds).toEqual(two);
    expect(await errorOf(() => cs.installClusterAddons(clusterId, install(JSON.stringify({ vSwitchIds: "vsw-nope" }))))).toMatchObject({
      code: "InvalidParameter.Config",
      statusCode: 400,
    });
    expect(await errorOf(() => cs.installClusterAddons(clusterId, install(JSON.stringify({ unknownKey: 1 }))))).toMatchObject({ code: "InvalidParameter.Config" });
    expect(await errorOf(() => cs.installClusterAddons(clusterId, install("not json")))).toMatchObject({ code: "InvalidParameter.Config" });
  });

  test("uninstall runs as a task and removes the instance", async () => {
    const r = await cs.unInstallClusterAddons(clusterId, uninstall());
    const done = await finished(r.body!.taskId!);
    expect(done).toMatchObject({ state: "success", taskType: "cluster_addon_uninstall" });
    expect(done.parameters).toMatchObject({ addons: [{ name: "ack-virtual-node", cleanupCloudResources: false }] });
    expect((await cs.listClusterAddonInstances(clusterId)).body?.addons).toEqual([]);
  });

  test("a failing install ends in state fail with the error", async () => {
    env.agent.failNext = new Error("the server could not find the requested resource");
    const r = await cs.installClusterAddons(clusterId, install());
    const done = await finished(r.body!.taskId!);
    expect(done).toMatchObject({ state: "fail", error: { code: "ErrorAddonTaskFailed", message: "the server could not find the requested resource" } });
    expect(done.taskResult).toEqual([{ data: "ack-virtual-node", status: "failed" }]);
  });

  test("errors: unknown cluster, add-on, version, task; malformed body", async () => {
    expect(await errorOf(() => cs.installClusterAddons("cnope", install()))).toMatchObject({ code: "ErrorClusterNotFound", statusCode: 404 });
    expect(
      await errorOf(() => cs.installClusterAddons(clusterId, new $Cs.InstallClusterAddonsRequest({ body: [new $Cs.InstallClusterAddonsRequestBody({ name: "nginx-ingress" })] }))),
    ).toMatchObject({ code: "ErrorAddonNotFound", statusCode: 404 });
    expect(
      await errorOf(() =>
        cs.installClusterAddons(
          clusterId,
          new $Cs.InstallClusterAddonsRequest({ body: [new $Cs.InstallClusterAddonsRequestBody({ name: "ack-virtual-node", version: "v0.0.1" })] }),
        ),
      ),
    ).toMatchObject({ code: "ErrorAddonVersionNotFound", statusCode: 400 });
    expect(await errorOf(() => cs.installClusterAddons(clusterId, new $Cs.InstallClusterAddonsRequest({ body: [] })))).toMatchObject({ code: "InvalidParameter", statusCode: 400 });
    expect(await errorOf(() => cs.describeTaskInfo("T-nope"))).toMatchObject({ code: "ErrorTaskNotFound", statusCode: 404 });
    expect(await errorOf(() => cs.getClusterAddonInstance(clusterId, "other-addon"))).toMatchObject({ code: "ErrorAddonNotFound" });
  });

  test("RAM users need cs permissions; resources narrow them to clusters", async () => {
    const ram = clients(env.emu).ram;
    await ram.createUser(new $Ram.CreateUserRequest({ userName: "operator" }));
    const k = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "operator" }))).body!.accessKey!;
    const op = clients(env.emu, { accessKeyId: k.accessKeyId!, accessKeySecret: k.accessKeySecret! }).cs;
    const e = await errorOf(() => op.installClusterAddons(clusterId, install()));
    expect(e).toMatchObject({ code: "Forbidden.RAM", statusCode: 403 });
    expect(e.accessDeniedDetail).toMatchObject({ AuthAction: "cs:InstallClusterAddons" });
    const doc = JSON.stringify({
      Version: "1",
      Statement: [
        { Effect: "Allow", Action: ["cs:Describe*", "cs:List*", "cs:Get*"], Resource: "*" },
        { Effect: "Allow", Action: "cs:*ClusterAddons", Resource: `acs:cs:*:*:cluster/${clusterId}` },
      ],
    });
    await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: "one-cluster", policyDocument: doc }));
    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "operator", policyName: "one-cluster", policyType: "Custom" }));
    const r = await op.installClusterAddons(clusterId, install());
    expect((await op.describeTaskInfo(r.body!.taskId!)).body?.taskId).toBe(r.body!.taskId);
    await finished(r.body!.taskId!);
    expect((await op.describeClustersV1(new $Cs.DescribeClustersV1Request({}))).body?.clusters).toHaveLength(1);
  });

  test("a task interrupted by a restart is reported failed; cluster ids are stable", async () => {
    let release!: () => void;
    env.agent.gate = new Promise((r) => (release = r));
    const r = await cs.unInstallClusterAddons(clusterId, uninstall());
    await env.restart();
    release();
    env.agent.gate = undefined;
    cs = clients(env.emu).cs;
    expect(env.emu.clusters[0].clusterId).toBe(clusterId);
    expect((await cs.describeTaskInfo(r.body!.taskId!)).body).toMatchObject({ state: "fail", error: { code: "ErrorAddonTaskInterrupted" } });
  });
});
