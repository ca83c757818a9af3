// STS 2015-04-01 GetCallerIdentity over the RPC wire format, through openapi-core's generic callApi (the
// official @alicloud/sts20150401 client is not installed; it sends the same request).
import * as $Ram from "@alicloud/ram20150501";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clients, errorOf, type Keys, OpenApiClient, sdkConfig, startTestEmulator, type TestEnv } from "./helpers";

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEmulator();
});
afterAll(() => env.cleanup());

async function getCallerIdentity(keys: Keys = env.emu): Promise<Record<string, unknown>> {
  const client = new OpenApiClient(sdkConfig(env.emu, keys));
  const params = new $OpenApiUtil.Params({
    action: "GetCallerIdentity",
    version: "2015-04-01",
    protocol: "HTTPS",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const res = (await client.callApi(params, new $OpenApiUtil.OpenApiRequest({}), {} as never)) as { statusCode: number; body: Record<string, unknown> };
  expect(res.statusCode).toBe(200);
  return res.body;
}

describe("STS GetCallerIdentity", () => {
  test("the root account's key: IdentityType Account, Arn acs:ram::<account>:root", async () => {
    const body = await getCallerIdentity();
    const account = body.AccountId as string;
    expect(account).toMatch(/^\d{16}$/);
    expect(body).toEqual({
      RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      IdentityType: "Account",
      AccountId: account,
      UserId: account,
      PrincipalId: account,
      Arn: `acs:ram::${account}:root`,
    });
  });

  test("a RAM user's key, even without any policy (no authorization needed): IdentityType RAMUser, its UserId and Arn", async () => {
    const { ram } = clients(env.emu);
    const user = (await ram.createUser(new $Ram.CreateUserRequest({ userName: "vk-addon" }))).body!.user!;
    const k = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "vk-addon" }))).body!.accessKey!;
    const body = await getCallerIdentity({ accessKeyId: k.accessKeyId!, accessKeySecret: k.accessKeySecret! });
    const account = (await getCallerIdentity()).AccountId;
    expect(body).toMatchObject({ IdentityType: "RAMUser", AccountId: account, UserId: user.userId, PrincipalId: user.userId, Arn: `acs:ram::${account}:user/vk-addon` });
  });

  test("the request is still authenticated: a wrong secret or an unknown key is refused", async () => {
    expect(await errorOf(() => getCallerIdentity({ accessKeyId: env.emu.accessKeyId, accessKeySecret: "wrong" }))).toMatchObject({
      code: "SignatureDoesNotMatch",
      statusCode: 400,
    });
    expect(await errorOf(() => getCallerIdentity({ accessKeyId: "LTAI5tNoSuchKey000000000", accessKeySecret: "x" }))).toMatchObject({
      code: "InvalidAccessKeyId.NotFound",
      statusCode: 400,
    });
  });
});
