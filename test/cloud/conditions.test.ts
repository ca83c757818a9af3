// RAM Condition blocks enforced by the emulator on real requests: acs:SourceIp is the address the emulator's socket
// sees. The official client signs the request (against a capture server); it is then sent from 127.0.0.1 or from
// 127.0.0.2 (a client socket bound with localAddress; the emulator listens on 127.0.0.1, all of 127/8 is loopback).
import * as $Ram from "@alicloud/ram20150501";
import * as $Vpc from "@alicloud/vpc20160428";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { captureServer, clients, type Keys, replay, startTestEmulator, type TestEnv, VpcClient } from "./helpers";

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEmulator();
});
afterAll(() => env.cleanup());

async function userWithPolicy(userName: string, statements: unknown[]): Promise<Keys> {
  const { ram } = clients(env.emu);
  await ram.createUser(new $Ram.CreateUserRequest({ userName }));
  await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: `${userName}-policy`, policyDocument: JSON.stringify({ Version: "1", Statement: statements }) }));
  await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName, policyName: `${userName}-policy`, policyType: "Custom" }));
  const k = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName }))).body!.accessKey!;
  return { accessKeyId: k.accessKeyId!, accessKeySecret: k.accessKeySecret! };
}

/** VPC DescribeVSwitches signed by the official client with `keys`, sent to the emulator from `localAddress`. */
async function describeVSwitchesFrom(keys: Keys, localAddress: string) {
  const cap = await captureServer();
  try {
    const client = new VpcClient(new $OpenApiUtil.Config({ ...keys, endpoint: cap.endpoint, protocol: "http", regionId: "cn-hangzhou" }));
    await client.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: "cn-hangzhou" }));
    return await replay(env.emu, cap.requests[0], localAddress);
  } finally {
    await cap.close();
  }
}

describe("Condition on acs:SourceIp", () => {
  test("Allow only from 127.0.0.2/32: from 127.0.0.2 it passes, from 127.0.0.1 RAM refuses it (Forbidden.RAM, ImplicitDeny)", async () => {
    const keys = await userWithPolicy("office-only", [
      { Effect: "Allow", Action: "vpc:Describe*", Resource: "*", Condition: { IpAddress: { "acs:SourceIp": ["127.0.0.2/32", "10.0.0.0/8"] } } },
    ]);
    const inside = await describeVSwitchesFrom(keys, "127.0.0.2");
    expect(inside).toMatchObject({ status: 200, json: { TotalCount: 4 } });
    const outside = await describeVSwitchesFrom(keys, "127.0.0.1");
    expect(outside.status).toBe(403);
    expect(outside.json).toMatchObject({
      Code: "Forbidden.RAM",
      AccessDeniedDetail: { AuthAction: "vpc:DescribeVSwitches", NoPermissionType: "ImplicitDeny", AuthPrincipalDisplayName: "office-only" },
    });
  });

  test("Deny from outside 127.0.0.2 (NotIpAddress) wins over an unconditional Allow; Bool acs:SecureTransport true never holds over http", async () => {
    const keys = await userWithPolicy("deny-outside", [
      { Effect: "Allow", Action: "vpc:*", Resource: "*" },
      { Effect: "Deny", Action: "vpc:*", Resource: "*", Condition: { NotIpAddress: { "acs:SourceIp": "127.0.0.2" } } },
    ]);
    expect((await describeVSwitchesFrom(keys, "127.0.0.2")).status).toBe(200);
    const outside = await describeVSwitchesFrom(keys, "127.0.0.1");
    expect(outside).toMatchObject({ status: 403, json: { Code: "Forbidden.RAM", AccessDeniedDetail: { NoPermissionType: "ExplicitDeny" } } });

    const tlsOnly = await userWithPolicy("tls-only", [{ Effect: "Allow", Action: "vpc:*", Resource: "*", Condition: { Bool: { "acs:SecureTransport": "true" } } }]);
    expect(await describeVSwitchesFrom(tlsOnly, "127.0.0.2")).toMatchObject({ status: 403, json: { Code: "Forbidden.RAM" } });
  });

  test("RAM's own actions are refused with NoPermission the same way", async () => {
    const keys = await userWithPolicy("ram-office", [{ Effect: "Allow", Action: "ram:List*", Resource: "*", Condition: { IpAddress: { "acs:SourceIp": "127.0.0.2" } } }]);
    const cap = await captureServer();
    try {
      const ram = clients({ ...env.emu, endpoint: cap.endpoint }, keys).ram;
      await ram.listUsers(new $Ram.ListUsersRequest({}));
      await ram.listUsers(new $Ram.ListUsersRequest({}));
      expect(await replay(env.emu, cap.requests[0], "127.0.0.1")).toMatchObject({ status: 403, json: { Code: "NoPermission" } });
      expect(await replay(env.emu, cap.requests[1], "127.0.0.2")).toMatchObject({ status: 200 });
    } finally {
      await cap.close();
    }
  });
});
