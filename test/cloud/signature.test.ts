// ACS3-HMAC-SHA256 verification: the documented test vectors, then real SDK-signed requests
// replayed unchanged and tampered against the emulator.
import { createHash } from "node:crypto";
import * as $Ram from "@alicloud/ram20150501";
import * as $Cs from "@alicloud/cs20151215";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { acsEncode, parseAuthorization, verifyAcs3 } from "@/sandbox/cloud/signature";
import { captureServer, clients, CsClient, errorOf, OpenApiClient, RamClient, type RawRequest, replay, sdkConfig, startTestEmulator, type TestEnv } from "./helpers";
import { $OpenApiUtil } from "@alicloud/openapi-core";

const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const SECRET = "FakeSecretFakeSecretFakeSecret01";
const base = {
  host: "ram.aliyuncs.com",
  "x-acs-version": "2015-05-01",
  "x-acs-date": "2024-01-01T00:00:00Z",
  "x-acs-signature-nonce": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  "x-acs-content-sha256": EMPTY,
};
const H1 = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
const H2 = "host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version";
const auth = (sh: string, sig: string) => `ACS3-HMAC-SHA256 Credential=LTAI5tFAKEFAKEFAKEFAKE01,SignedHeaders=${sh},Signature=${sig}`;

describe("documented test vectors (alicloud-openapi.md §2)", () => {
  const vectors: { name: string; headers: Record<string, string>; query: Record<string, string>; a: string }[] = [
    {
      name: "AttachPolicyToUser",
      headers: { ...base, "x-acs-action": "AttachPolicyToUser" },
      query: { UserName: "alice", PolicyName: "console-test-policy", PolicyType: "Custom" },
      a: auth(H1, "4e723674ab902f7a2d06a33cf35184e85ba4f4bb500dc60ab82a72be97eb45ac"),
    },
    {
      name: "with provider header",
      headers: { ...base, "x-acs-action": "AttachPolicyToUser", "x-acs-credentials-provider": "static_ak" },
      query: { UserName: "alice", PolicyName: "console-test-policy", PolicyType: "Custom" },
      a: auth(H2, "b7d2401c9e8a9b805ee77c9cb962eeee0fcc6ca5197b388a324de51c9c435a5b"),
    },
    {
      name: "CreatePolicy with special characters",
      headers: { ...base, "x-acs-action": "CreatePolicy", "x-acs-credentials-provider": "static_ak" },
      query: { PolicyName: "p1", PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}', Description: "it's (a) test ü" },
      a: auth(H2, "5750179cfe7cf10f7403c20f759e215f542dbce6d4ae6136e9d6d0abc6175393"),
    },
  ];
  for (const v of vectors) {
    test(`verifies: ${v.name}`, () => {
      const parsed = parseAuthorization(v.a)!;
      expect(verifyAcs3({ method: "POST", path: "/", query: v.query, headers: v.headers, body: Buffer.alloc(0) }, parsed, SECRET)).toEqual({ ok: true });
    });
    test(`rejects a changed value: ${v.name}`, () => {
      const parsed = parseAuthorization(v.a)!;
      const query = { ...v.query, PolicyName: "other" };
      expect(verifyAcs3({ method: "POST", path: "/", query, headers: v.headers, body: Buffer.alloc(0) }, parsed, SECRET)).toMatchObject({ ok: false, reason: "mismatch" });
      expect(verifyAcs3({ method: "POST", path: "/", query: v.query, headers: v.headers, body: Buffer.alloc(0) }, parsed, `${SECRET}x`)).toMatchObject({
        ok: false,
        reason: "mismatch",
      });
    });
  }
  test("acsEncode escapes what encodeURIComponent leaves", () => {
    expect(acsEncode("a b!'()*~ü")).toBe("a%20b%21%27%28%29%2A~%C3%BC");
  });
});

describe("SDK-signed requests replayed against the emulator", () => {
  let env: TestEnv;
  let rpc: RawRequest; // RAM GetUser, captured from the real SDK
  let roa: RawRequest; // CS InstallClusterAddons (JSON body), captured from the real SDK

  beforeAll(async () => {
    env = await startTestEmulator();
    await clients(env.emu).ram.createUser(new $Ram.CreateUserRequest({ userName: "alice" }));
    const cap = await captureServer();
    const cfg = sdkConfig(env.emu);
    const capCfg = new $OpenApiUtil.Config({ ...cfg, endpoint: cap.endpoint });
    await new RamClient(capCfg).getUser(new $Ram.GetUserRequest({ userName: "alice" }));
    await new CsClient(capCfg).installClusterAddons(
      env.emu.clusters[0].clusterId,
      new $Cs.InstallClusterAddonsRequest({ body: [new $Cs.InstallClusterAddonsRequestBody({ name: "ack-virtual-node" })] }),
    );
    [rpc, roa] = cap.requests;
    await cap.close();
    // Replayed as captured: the signed host header names the capture server, which the emulator accepts
    // (it verifies the signature over what was sent; it does not pin its own host name).
  });
  afterAll(() => env.cleanup());

  test("an untouched request is accepted once, its replay is refused as a reused nonce", async () => {
    const first = await replay(env.emu, rpc);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ User: { UserName: "alice" } });
    const again = await replay(env.emu, rpc);
    expect(again).toMatchObject({ status: 400, json: { Code: "SignatureNonceUsed" } });
  });

  test("a changed query value is refused with SignatureDoesNotMatch", async () => {
    const r = await replay(env.emu, { ...rpc, url: rpc.url.replace("alice", "admin") });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ Code: "SignatureDoesNotMatch", HostId: "ram.aliyuncs.com" });
    expect(r.json.Message).toContain("server string to sign is:ACS3-HMAC-SHA256\n");
    expect(r.json.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(r.json.Recommend).toContain("SignatureDoesNotMatch");
  });

  test("a changed signed header (action) is refused", async () => {
    const r = await replay(env.emu, { ...rpc, headers: { ...rpc.headers, "x-acs-action": "DeleteUser" } });
    expect(r).toMatchObject({ status: 400, json: { Code: "SignatureDoesNotMatch" } });
  });

  test("a changed ROA body is refused (content hash), and so is a recomputed hash", async () => {
    const body = Buffer.from(roa.body.toString("utf8").replace("ack-virtual-node", "ack-virtual-nodf"));
    const r1 = await replay(env.emu, { ...roa, body });
    expect(r1).toMatchObject({ status: 400, json: { Code: "IncompleteSignature" } });
    const r2 = await replay(env.emu, { ...roa, body, headers: { ...roa.headers, "x-acs-content-sha256": createHash("sha256").update(body).digest("hex") } });
    expect(r2).toMatchObject({ status: 400, json: { Code: "SignatureDoesNotMatch", HostId: "cs.aliyuncs.com" } });
  });

  test("an unsigned extra x-acs header is refused", async () => {
    const r = await replay(env.emu, { ...rpc, headers: { ...rpc.headers, "x-acs-security-token": "injected" } });
    expect(r).toMatchObject({ status: 400, json: { Code: "IncompleteSignature" } });
  });

  test("missing or malformed Authorization is refused", async () => {
    const { authorization: _a, ...rest } = rpc.headers;
    expect(await replay(env.emu, { ...rpc, headers: rest })).toMatchObject({ status: 400, json: { Code: "IncompleteSignature" } });
    expect(await replay(env.emu, { ...rpc, headers: { ...rpc.headers, authorization: "Bearer x" } })).toMatchObject({ status: 400, json: { Code: "IncompleteSignature" } });
  });

  test("an unknown AccessKey is refused", async () => {
    const a = String(rpc.headers.authorization).replace(/Credential=[^,]+/, "Credential=LTAI5tUNKNOWNUNKNOWNUNKN");
    expect(await replay(env.emu, { ...rpc, headers: { ...rpc.headers, authorization: a } })).toMatchObject({ status: 400, json: { Code: "InvalidAccessKeyId.NotFound" } });
  });

  test("a wrong secret is refused through the SDK", async () => {
    const e = await errorOf(() =>
      clients(env.emu, { accessKeyId: env.emu.accessKeyId, accessKeySecret: "wrong-secret" }).ram.getUser(new $Ram.GetUserRequest({ userName: "alice" })),
    );
    expect(e).toMatchObject({ name: "ClientError", code: "SignatureDoesNotMatch", statusCode: 400 });
  });

  test("a disabled AccessKey is refused with Forbidden.AccessKeyDisabled", async () => {
    const root = clients(env.emu).ram;
    const key = (await root.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "alice" }))).body!.accessKey!;
    await root.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "alice", policyName: "AliyunRAMReadOnlyAccess", policyType: "System" }));
    const alice = clients(env.emu, { accessKeyId: key.accessKeyId!, accessKeySecret: key.accessKeySecret! }).ram;
    await alice.getUser(new $Ram.GetUserRequest({ userName: "alice" }));
    await root.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: "alice", userAccessKeyId: key.accessKeyId, status: "Inactive" }));
    const e = await errorOf(() => alice.getUser(new $Ram.GetUserRequest({ userName: "alice" })));
    expect(e).toMatchObject({ code: "Forbidden.AccessKeyDisabled", statusCode: 403 });
  });

  test("a stale x-acs-date is refused with InvalidTimeStamp.Expired", async () => {
    const env2 = await startTestEmulator({ now: () => Date.now() + 20 * 60 * 1000 });
    try {
      const e = await errorOf(() => clients(env2.emu).ram.listUsers(new $Ram.ListUsersRequest({})));
      expect(e).toMatchObject({ code: "InvalidTimeStamp.Expired", statusCode: 400 });
    } finally {
      await env2.cleanup();
    }
  });

  test("an unknown action is refused after authentication", async () => {
    const client = new OpenApiClient(sdkConfig(env.emu));
    const params = new $OpenApiUtil.Params({
      action: "NoSuchAction",
      version: "2015-05-01",
      protocol: "HTTPS",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const e = await errorOf(() => client.callApi(params, new $OpenApiUtil.OpenApiRequest({}), {} as never));
    expect(e).toMatchObject({ code: "InvalidAction.NotFound", statusCode: 404 });
  });

  test("the administrator secret never appears in the log", () => {
    expect(env.logs.join("\n")).not.toContain(env.emu.accessKeySecret);
    expect(env.logs.some((l) => l.includes(env.emu.accessKeyId))).toBe(true);
  });
});
