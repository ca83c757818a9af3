// RAM through the official @alicloud/ram20150501 client: every action, documented errors, and
// real authorisation of RAM users' AccessKeys.
import * as $Ram from "@alicloud/ram20150501";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clients, errorOf, startTestEmulator, type TestEnv } from "./helpers";

const ECI_POLICY = JSON.stringify({
  Version: "1",
  Statement: [{ Effect: "Allow", Action: ["eci:CreateContainerGroup", "eci:DescribeContainerGroups", "eci:DeleteContainerGroup"], Resource: ["*"] }],
});

let env: TestEnv;
let ram: ReturnType<typeof clients>["ram"];
beforeAll(async () => {
  env = await startTestEmulator();
  ram = clients(env.emu).ram;
});
afterAll(() => env.cleanup());

describe("users", () => {
  test("CreateUser, GetUser, ListUsers", async () => {
    const c = await ram.createUser(new $Ram.CreateUserRequest({ userName: "vk-addon", displayName: "鲍勃 Bob+1 & co", comments: "a b" }));
    expect(c.statusCode).toBe(200);
    expect(c.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(c.body?.user).toMatchObject({ userName: "vk-addon", displayName: "鲍勃 Bob+1 & co", comments: "a b" });
    expect(c.body?.user?.userId).toMatch(/^\d{16}$/);
    const g = await ram.getUser(new $Ram.GetUserRequest({ userName: "vk-addon" }));
    expect(g.body?.user).toMatchObject({ userName: "vk-addon", userId: c.body?.user?.userId });
    expect(g.body?.user?.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const l = await ram.listUsers(new $Ram.ListUsersRequest({}));
    expect(l.body?.users?.user?.map((u) => u.userName)).toContain("vk-addon");
    expect(l.body?.isTruncated).toBe(false);
  });
  test("ListUsers pages with Marker", async () => {
    for (const n of ["page-a", "page-b", "page-c"]) await ram.createUser(new $Ram.CreateUserRequest({ userName: n }));
    const seen: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const r = await ram.listUsers(new $Ram.ListUsersRequest({ maxItems: 2, marker }));
      seen.push(...(r.body?.users?.user ?? []).map((u) => u.userName!));
      if (!r.body?.isTruncated) break;
      marker = r.body.marker;
    }
    expect(seen).toEqual(expect.arrayContaining(["page-a", "page-b", "page-c", "vk-addon"]));
    expect(new Set(seen).size).toBe(seen.length);
  });
  test("documented errors", async () => {
    expect(await errorOf(() => ram.createUser(new $Ram.CreateUserRequest({ userName: "vk-addon" })))).toMatchObject({
      name: "ClientError",
      code: "EntityAlreadyExists.User",
      statusCode: 409,
    });
    expect(await errorOf(() => ram.getUser(new $Ram.GetUserRequest({ userName: "nobody" })))).toMatchObject({ code: "EntityNotExist.User", statusCode: 404 });
    expect(await errorOf(() => ram.getUser(new $Ram.GetUserRequest({})))).toMatchObject({ code: "MissingUserName", statusCode: 400 });
    expect(await errorOf(() => ram.createUser(new $Ram.CreateUserRequest({ userName: "bad name!" })))).toMatchObject({
      code: "InvalidParameter.UserName.InvalidChars",
      statusCode: 400,
    });
    expect(await errorOf(() => ram.createUser(new $Ram.CreateUserRequest({ userName: "x".repeat(65) })))).toMatchObject({ code: "InvalidParameter.UserName.Length" });
    const e = await errorOf(() => ram.getUser(new $Ram.GetUserRequest({ userName: "nobody" })));
    expect(e.data).toMatchObject({ Code: "EntityNotExist.User", HostId: "ram.aliyuncs.com", Message: "The user does not exist." });
    expect(e.data?.Recommend).toEqual(expect.stringContaining("product=Ram"));
  });
  test("DeleteUser refuses while policies or keys are attached", async () => {
    await ram.createUser(new $Ram.CreateUserRequest({ userName: "tmp-user" }));
    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "tmp-user", policyName: "ReadOnlyAccess", policyType: "System" }));
    expect(await errorOf(() => ram.deleteUser(new $Ram.DeleteUserRequest({ userName: "tmp-user" })))).toMatchObject({ code: "DeleteConflict.User.Policy", statusCode: 409 });
    await ram.detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ userName: "tmp-user", policyName: "ReadOnlyAccess", policyType: "System" }));
    await ram.deleteUser(new $Ram.DeleteUserRequest({ userName: "tmp-user" }));
    expect(await errorOf(() => ram.getUser(new $Ram.GetUserRequest({ userName: "tmp-user" })))).toMatchObject({ code: "EntityNotExist.User" });
  });
});

describe("policies", () => {
  test("CreatePolicy, GetPolicy, ListPolicies", async () => {
    const c = await ram.createPolicy(
      new $Ram.CreatePolicyRequest({ policyName: "ack-virtual-node-eci", policyDocument: ECI_POLICY, description: "ECI for ack-virtual-node (it's) ü" }),
    );
    expect(c.body?.policy).toMatchObject({ policyName: "ack-virtual-node-eci", policyType: "Custom", defaultVersion: "v1", description: "ECI for ack-virtual-node (it's) ü" });
    const g = await ram.getPolicy(new $Ram.GetPolicyRequest({ policyName: "ack-virtual-node-eci", policyType: "Custom" }));
    expect(g.body?.policy).toMatchObject({ policyDocument: ECI_POLICY, attachmentCount: 0, defaultVersion: "v1" });
    expect(g.body?.defaultPolicyVersion).toMatchObject({ versionId: "v1", isDefaultVersion: true, policyDocument: ECI_POLICY });
    const s = await ram.getPolicy(new $Ram.GetPolicyRequest({ policyName: "AliyunECIFullAccess", policyType: "System" }));
    expect(s.body?.policy).toMatchObject({ policyType: "System", defaultVersion: "v1" });
    expect(JSON.parse(s.body!.policy!.policyDocument!).Statement[0].Action).toContain("eci:*");
    const l = await ram.listPolicies(new $Ram.ListPoliciesRequest({ policyType: "System", maxItems: 100 }));
    const names = l.body?.policies?.policy?.map((p) => p.policyName);
    expect(names).toEqual(
      expect.arrayContaining(["AliyunECIFullAccess", "AliyunVPCReadOnlyAccess", "AliyunAccFullAccess", "AliyunCSFullAccess", "AliyunRAMFullAccess", "AdministratorAccess"]),
    );
    expect(names).not.toContain("ack-virtual-node-eci");
    // The add-on docs spell it AliyunRamFullAccess; policy names resolve case-insensitively.
    expect((await ram.getPolicy(new $Ram.GetPolicyRequest({ policyName: "AliyunRamFullAccess", policyType: "System" }))).body?.policy?.policyName).toBe("AliyunRAMFullAccess");
  });
  test("documented errors", async () => {
    expect(await errorOf(() => ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: "ack-virtual-node-eci", policyDocument: ECI_POLICY })))).toMatchObject({
      code: "EntityAlreadyExists.Policy",
      statusCode: 409,
    });
    expect(await errorOf(() => ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: "p-bad", policyDocument: '{"Version":"1"}' })))).toMatchObject({
      code: "MalformedPolicyDocument",
      statusCode: 400,
    });
    expect(await errorOf(() => ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: "p_bad", policyDocument: ECI_POLICY })))).toMatchObject({
      code: "InvalidParameter.PolicyName.InvalidChars",
    });
    expect(await errorOf(() => ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: "p-nodoc" })))).toMatchObject({ code: "MissingPolicyDocument" });
    expect(await errorOf(() => ram.getPolicy(new $Ram.GetPolicyRequest({ policyName: "nope", policyType: "Custom" })))).toMatchObject({
      code: "EntityNotExist.Policy",
      statusCode: 404,
    });
    expect(await errorOf(() => ram.getPolicy(new $Ram.GetPolicyRequest({ policyName: "nope", policyType: "Other" })))).toMatchObject({
      code: "InvalidParameter.PolicyType",
      statusCode: 400,
    });
    expect(await errorOf(() => ram.deletePolicy(new $Ram.DeletePolicyRequest({ policyName: "nope" })))).toMatchObject({ code: "EntityNotExist.Policy", statusCode: 404 });
  });
  test("create-or-update through policy versions", async () => {
    const v2doc = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "eci:*", Resource: "*" }] });
    const v = await ram.createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: "ack-virtual-node-eci", policyDocument: v2doc, setAsDefault: true }));
    expect(v.body?.policyVersion).toMatchObject({ versionId: "v2", isDefaultVersion: true, policyDocument: v2doc });
    const l = await ram.listPolicyVersions(new $Ram.ListPolicyVersionsRequest({ policyName: "ack-virtual-node-eci", policyType: "Custom" }));
    expect(l.body?.policyVersions?.policyVersion?.map((x) => [x.versionId, x.isDefaultVersion])).toEqual([
      ["v1", false],
      ["v2", true],
    ]);
    expect((await ram.getPolicy(new $Ram.GetPolicyRequest({ policyName: "ack-virtual-node-eci", policyType: "Custom" }))).body?.policy?.policyDocument).toBe(v2doc);
    await ram.setDefaultPolicyVersion(new $Ram.SetDefaultPolicyVersionRequest({ policyName: "ack-virtual-node-eci", versionId: "v1" }));
    expect(
      (await ram.getPolicyVersion(new $Ram.GetPolicyVersionRequest({ policyName: "ack-virtual-node-eci", policyType: "Custom", versionId: "v1" }))).body?.policyVersion
        ?.isDefaultVersion,
    ).toBe(true);
    expect(await errorOf(() => ram.setDefaultPolicyVersion(new $Ram.SetDefaultPolicyVersionRequest({ policyName: "ack-virtual-node-eci", versionId: "v9" })))).toMatchObject({
      code: "EntityNotExist.Policy.Version",
      statusCode: 404,
    });
    expect(await errorOf(() => ram.deletePolicyVersion(new $Ram.DeletePolicyVersionRequest({ policyName: "ack-virtual-node-eci", versionId: "v1" })))).toMatchObject({
      code: "DeleteConflict.Policy.Version.Default",
      statusCode: 409,
    });
    // At most 5 versions unless the rotate strategy drops the oldest non-default one.
    for (let i = 0; i < 3; i++) await ram.createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: "ack-virtual-node-eci", policyDocument: v2doc }));
    expect(await errorOf(() => ram.createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: "ack-virtual-node-eci", policyDocument: v2doc })))).toMatchObject({
      code: "LimitExceeded.Policy.Version",
      statusCode: 409,
    });
    const rot = await ram.createPolicyVersion(
      new $Ram.CreatePolicyVersionRequest({ policyName: "ack-virtual-node-eci", policyDocument: v2doc, rotateStrategy: "DeleteOldestNonDefaultVersionWhenLimitExceeded" }),
    );
    expect(rot.body?.policyVersion?.versionId).toBe("v6");
    const after = await ram.listPolicyVersions(new $Ram.ListPolicyVersionsRequest({ policyName: "ack-virtual-node-eci", policyType: "Custom" }));
    expect(after.body?.policyVersions?.policyVersion?.map((x) => x.versionId)).toEqual(["v1", "v3", "v4", "v5", "v6"]);
    await ram.deletePolicyVersion(new $Ram.DeletePolicyVersionRequest({ policyName: "ack-virtual-node-eci", versionId: "v6" }));
  });
  test("DeletePolicy: conflicts with attachments and versions, CascadingDelete", async () => {
    await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: "short-lived", policyDocument: ECI_POLICY }));
    await ram.createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: "short-lived", policyDocument: ECI_POLICY }));
    await ram.createUser(new $Ram.CreateUserRequest({ userName: "holder" }));
    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "holder", policyName: "short-lived", policyType: "Custom" }));
    expect(await errorOf(() => ram.deletePolicy(new $Ram.DeletePolicyRequest({ policyName: "short-lived" })))).toMatchObject({
      code: "DeleteConflict.Policy.User",
      statusCode: 409,
    });
    await ram.detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ userName: "holder", policyName: "short-lived", policyType: "Custom" }));
    expect(await errorOf(() => ram.deletePolicy(new $Ram.DeletePolicyRequest({ policyName: "short-lived" })))).toMatchObject({
      code: "DeleteConflict.Policy.Version",
      statusCode: 409,
    });
    await ram.deletePolicy(new $Ram.DeletePolicyRequest({ policyName: "short-lived", cascadingDelete: true }));
    expect(await errorOf(() => ram.getPolicy(new $Ram.GetPolicyRequest({ policyName: "short-lived", policyType: "Custom" })))).toMatchObject({ code: "EntityNotExist.Policy" });
  });
});

describe("attachments", () => {
  test("AttachPolicyToUser, ListPoliciesForUser, DetachPolicyFromUser", async () => {
    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "vk-addon", policyName: "ack-virtual-node-eci", policyType: "Custom" }));
    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "vk-addon", policyName: "AliyunVPCReadOnlyAccess", policyType: "System" }));
    const l = await ram.listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: "vk-addon" }));
    expect(l.body?.policies?.policy?.map((p) => [p.policyName, p.policyType])).toEqual([
      ["ack-virtual-node-eci", "Custom"],
      ["AliyunVPCReadOnlyAccess", "System"],
    ]);
    expect((await ram.getPolicy(new $Ram.GetPolicyRequest({ policyName: "ack-virtual-node-eci", policyType: "Custom" }))).body?.policy?.attachmentCount).toBe(1);
    expect(
      await errorOf(() => ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "vk-addon", policyName: "ack-virtual-node-eci", policyType: "Custom" }))),
    ).toMatchObject({ code: "EntityAlreadyExists.User.Policy", statusCode: 409 });
    expect(
      await errorOf(() => ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "nobody", policyName: "ack-virtual-node-eci", policyType: "Custom" }))),
    ).toMatchObject({ code: "EntityNotExist.User", statusCode: 404 });
    expect(
      await errorOf(() => ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "vk-addon", policyName: "NoSuchPolicy", policyType: "System" }))),
    ).toMatchObject({ code: "EntityNotExist.Policy", statusCode: 404 });
    expect(
      await errorOf(() => ram.detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ userName: "vk-addon", policyName: "AliyunECSFullAccess", policyType: "System" }))),
    ).toMatchObject({ code: "EntityNotExist.User.Policy", statusCode: 404 });
    expect(await errorOf(() => ram.listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: "nobody" })))).toMatchObject({
      code: "EntityNotExist.User",
      statusCode: 404,
    });
    await ram.detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ userName: "vk-addon", policyName: "AliyunVPCReadOnlyAccess", policyType: "System" }));
    expect((await ram.listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: "vk-addon" }))).body?.policies?.policy).toHaveLength(1);
  });
});

describe("access keys", () => {
  test("CreateAccessKey (at most 2), ListAccessKeys, DeleteAccessKey", async () => {
    const k1 = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "vk-addon" }))).body!.accessKey!;
    expect(k1).toMatchObject({ status: "Active" });
    expect(k1.accessKeyId).toMatch(/^LTAI5t[A-Za-z0-9]{18}$/);
    expect(k1.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    const k2 = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "vk-addon" }))).body!.accessKey!;
    expect(await errorOf(() => ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "vk-addon" })))).toMatchObject({
      code: "LimitExceeded.User.AccessKey",
      statusCode: 409,
    });
    const l = await ram.listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: "vk-addon" }));
    expect(l.body?.accessKeys?.accessKey?.map((k) => k.accessKeyId).sort()).toEqual([k1.accessKeyId, k2.accessKeyId].sort());
    expect(JSON.stringify(l.body)).not.toContain(k1.accessKeySecret);
    await ram.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: "vk-addon", userAccessKeyId: k2.accessKeyId }));
    expect(await errorOf(() => ram.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: "vk-addon", userAccessKeyId: k2.accessKeyId })))).toMatchObject({
      code: "EntityNotExist.User.AccessKey",
      statusCode: 404,
    });
    expect(await errorOf(() => ram.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: "vk-addon" })))).toMatchObject({ code: "MissingUserAccessKeyId", statusCode: 400 });
    expect(await errorOf(() => ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "nobody" })))).toMatchObject({ code: "EntityNotExist.User", statusCode: 404 });
    expect(await errorOf(() => ram.listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: "nobody" })))).toMatchObject({ code: "EntityNotExist.User", statusCode: 404 });
  });
  test("a deleted AccessKey can no longer sign requests", async () => {
    const k = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "vk-addon" }))).body!.accessKey!;
    await ram.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: "vk-addon", userAccessKeyId: k.accessKeyId }));
    const e = await errorOf(() => clients(env.emu, { accessKeyId: k.accessKeyId!, accessKeySecret: k.accessKeySecret! }).ram.listUsers(new $Ram.ListUsersRequest({})));
    expect(e).toMatchObject({ code: "InvalidAccessKeyId.NotFound", statusCode: 400 });
  });
});

describe("authorisation of RAM users", () => {
  test("a user may call only what its policies allow; denials are NoPermission with AccessDeniedDetail", async () => {
    await ram.createUser(new $Ram.CreateUserRequest({ userName: "reader" }));
    const k = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "reader" }))).body!.accessKey!;
    const reader = clients(env.emu, { accessKeyId: k.accessKeyId!, accessKeySecret: k.accessKeySecret! }).ram;
    const denied = await errorOf(() => reader.listUsers(new $Ram.ListUsersRequest({})));
    expect(denied).toMatchObject({ name: "ClientError", code: "NoPermission", statusCode: 403 });
    expect(denied.accessDeniedDetail).toMatchObject({ AuthAction: "ram:ListUsers", NoPermissionType: "ImplicitDeny", AuthPrincipalDisplayName: "reader" });

    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "reader", policyName: "AliyunRAMReadOnlyAccess", policyType: "System" }));
    expect((await reader.listUsers(new $Ram.ListUsersRequest({}))).body?.users?.user?.length).toBeGreaterThan(0);
    expect(await errorOf(() => reader.createUser(new $Ram.CreateUserRequest({ userName: "sneaky" })))).toMatchObject({ code: "NoPermission", statusCode: 403 });

    // An explicit Deny on one user resource wins over the read-only grant.
    const deny = JSON.stringify({ Version: "1", Statement: [{ Effect: "Deny", Action: "ram:GetUser", Resource: "acs:ram:*:*:user/vk-*" }] });
    await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: "deny-vk", policyDocument: deny }));
    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "reader", policyName: "deny-vk", policyType: "Custom" }));
    const explicit = await errorOf(() => reader.getUser(new $Ram.GetUserRequest({ userName: "vk-addon" })));
    expect(explicit.accessDeniedDetail).toMatchObject({ NoPermissionType: "ExplicitDeny" });
    expect((await reader.getUser(new $Ram.GetUserRequest({ userName: "reader" }))).body?.user?.userName).toBe("reader");

    // Without UserName, AccessKey actions act on the calling user itself.
    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "reader", policyName: "AliyunRAMFullAccess", policyType: "System" }));
    const own = await reader.listAccessKeys(new $Ram.ListAccessKeysRequest({}));
    expect(own.body?.accessKeys?.accessKey?.map((x) => x.accessKeyId)).toEqual([k.accessKeyId]);
  });
});

describe("persistence", () => {
  test("state survives a restart; fresh: true resets it", async () => {
    const ak = env.emu.accessKeyId;
    const clusterId = env.emu.clusters[0].clusterId;
    await env.restart();
    expect(env.emu.accessKeyId).toBe(ak);
    expect(env.emu.clusters[0].clusterId).toBe(clusterId);
    ram = clients(env.emu).ram;
    expect((await ram.getUser(new $Ram.GetUserRequest({ userName: "vk-addon" }))).body?.user?.userName).toBe("vk-addon");
    const { readFile, stat } = await import("node:fs/promises");
    const file = `${env.dir}/cloud/state.json`;
    expect(JSON.parse(await readFile(file, "utf8")).users["vk-addon"]).toBeDefined();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await env.restart({ fresh: true });
    ram = clients(env.emu).ram;
    expect(env.emu.accessKeyId).not.toBe(ak);
    expect(await errorOf(() => ram.getUser(new $Ram.GetUserRequest({ userName: "vk-addon" })))).toMatchObject({ code: "EntityNotExist.User" });
  });
});
