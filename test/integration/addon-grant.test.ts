import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually, kubectl, kubectlJson } from "./kubectl";
import { pointConsoleAtSandbox } from "./console-env";

const { kubeconfig, cloud, clusters, stateDir } = inject("sandbox");
pointConsoleAtSandbox(inject("sandbox"), "console-it");
const { automaticGrant, addonRamUserName } = await import("@/lib/server/automatic-grant");
const { manualGrant } = await import("@/lib/server/manual-grant");
const { listAccessKeys, attachedPolicies, createAccessKey } = await import("@/lib/alicloud/ram");

const cluster = clusters![0].context;
const ackClusterId = clusters![0].clusterId;
const userName = addonRamUserName(ackClusterId);
const faults = (body: unknown) =>
  fetch(`http://${cloud!.endpoint}/__sandbox/faults`, {
    method: body ? "POST" : "DELETE",
    body: body ? JSON.stringify(body) : undefined,
    headers: { "content-type": "application/json", authorization: `Bearer ${cloud!.accessKeySecret}` },
  });
const secretKeyId = async () => {
  const s = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "secret", "alibaba-addon-secret");
  return Buffer.from(s.data["access-key-id"], "base64").toString();
};
const grant = (extra: Partial<Parameters<typeof automaticGrant>[0]> = {}) => automaticGrant({ cluster, ackClusterId, who: "it", replaceExisting: false, rotate: false, ...extra });

beforeAll(async () => {
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
});
afterEach(async () => {
  await faults(null);
});

describe("automatic RAM grant against the cloud emulator and the real cluster", () => {
  it("creates user, policy, attachment and one key in the Secret; repeating it changes nothing", async () => {
    const first = await grant();
    expect(first.kind).toBe("done");
    if (first.kind !== "done") return;
    expect(first.userName).toBe(userName);
    expect(first.changes.join("\n")).toMatch(/created RAM user .*\ncreated policy ack-one-registered-cluster-policy-ack-virtual-node\nattached .*\ncreated AccessKey LTAI\*\*\*\*/);
    const keys = await listAccessKeys(userName);
    expect(keys).toHaveLength(1);
    expect(await secretKeyId()).toBe(keys[0].accessKeyId);
    expect((await attachedPolicies(userName)).map((p) => p.policyName)).toEqual(["ack-one-registered-cluster-policy-ack-virtual-node"]);

    const again = await grant();
    expect(again).toMatchObject({ kind: "done", changes: [] });
    expect(await listAccessKeys(userName)).toEqual(keys);
    expect(await secretKeyId()).toBe(keys[0].accessKeyId);
  });

  it("rotates on purpose: a new key in the Secret, the replaced one deleted", async () => {
    const before = await secretKeyId();
    const rotated = await grant({ rotate: true });
    expect(rotated.kind).toBe("done");
    const after = await secretKeyId();
    expect(after).not.toBe(before);
    expect((await listAccessKeys(userName)).map((k) => k.accessKeyId)).toEqual([after]);
  });

  it("asks before replacing a Secret that holds another key, and cleans up unused keys so RAM's limit of 2 is never hit", async () => {
    const other = await createAccessKey(userName); // a leftover, e.g. from an interrupted earlier run
    await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret");
    await kubectl(
      kubeconfig,
      "-n",
      "kube-system",
      "create",
      "secret",
      "generic",
      "alibaba-addon-secret",
      "--from-literal=access-key-id=LTAIsomeoneelse0000",
      "--from-literal=access-key-secret=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    );
    const asked = await grant();
    expect(asked).toMatchObject({ kind: "needs-confirmation", existingAccessKeyId: expect.stringMatching(/^LTAI\*\*\*\*/) });
    expect(await secretKeyId()).toBe("LTAIsomeoneelse0000");

    const replaced = await grant({ replaceExisting: true });
    expect(replaced.kind).toBe("done");
    const keys = await listAccessKeys(userName);
    expect(keys).toHaveLength(1);
    expect(keys[0].accessKeyId).not.toBe(other.accessKeyId);
    expect(await secretKeyId()).toBe(keys[0].accessKeyId);
  });

  it("under throttling fails with the cloud's error and leaves the Secret as it was", async () => {
    const before = await secretKeyId();
    await faults({ throttle: { product: "ram", action: "CreateAccessKey" } });
    await expect(grant({ rotate: true })).rejects.toMatchObject({ code: "Throttling.User" });
    expect(await secretKeyId()).toBe(before);
    expect((await listAccessKeys(userName)).map((k) => k.accessKeyId)).toEqual([before]);
  });

  it("deletes the new key again when the Secret cannot be written (one key left, the Secret untouched)", async () => {
    const before = await secretKeyId();
    // The cluster refuses writes of the Secret, as an admission policy or a quota would: real apiserver admission.
    const policy = {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicy",
      metadata: { name: "it-deny-addon-secret" },
      spec: {
        failurePolicy: "Fail",
        matchConstraints: { resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["secrets"] }] },
        validations: [{ expression: "object.metadata.name != 'alibaba-addon-secret'", message: "alibaba-addon-secret is frozen by a test policy" }],
      },
    };
    const binding = {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata: { name: "it-deny-addon-secret" },
      spec: { policyName: "it-deny-addon-secret", validationActions: ["Deny"] },
    };
    const manifest = path.join(stateDir, "it-deny-addon-secret.json");
    await writeFile(manifest, JSON.stringify({ apiVersion: "v1", kind: "List", items: [policy, binding] }));
    await kubectl(kubeconfig, "apply", "-f", manifest);
    try {
      await eventually("the policy to take effect", async () => {
        const denied = await kubectl(kubeconfig, "-n", "kube-system", "annotate", "secret", "alibaba-addon-secret", "it/probe=1", "--overwrite", "--dry-run=server").then(
          () => false,
          () => true,
        );
        return denied || undefined;
      });
      await expect(grant({ rotate: true })).rejects.toMatchObject({ code: 422 });
      expect(await secretKeyId()).toBe(before);
      expect((await listAccessKeys(userName)).map((k) => k.accessKeyId)).toEqual([before]);
    } finally {
      await kubectl(kubeconfig, "delete", "validatingadmissionpolicybinding,validatingadmissionpolicy", "it-deny-addon-secret", "--ignore-not-found");
      await eventually("the policy to be gone", () =>
        kubectl(kubeconfig, "-n", "kube-system", "annotate", "secret", "alibaba-addon-secret", "it/probe=1", "--overwrite", "--dry-run=server").then(() => true),
      );
    }
  });

  it("never narrows the account-wide policy: someone's wider default version stays, with ours added beside it", async () => {
    const { ramClient } = await import("@/lib/alicloud/clients");
    const $Ram = await import("@alicloud/ram20150501");
    const { ADDON_POLICY_NAME } = await import("@/lib/addon");
    const widened = { Effect: "Allow", Action: ["ecs:DescribeInstances"], Resource: "*" };
    await (await ramClient()).createPolicyVersion(
      new $Ram.CreatePolicyVersionRequest({ policyName: ADDON_POLICY_NAME, policyDocument: JSON.stringify({ Version: "1", Statement: [widened] }), setAsDefault: true }),
    );
    const done = await grant();
    expect(done).toMatchObject({
      kind: "done",
      changes: [expect.stringMatching(/^added \d+ statements? to policy ack-one-registered-cluster-policy-ack-virtual-node as its new default version/)],
    });
    const doc = JSON.parse(
      (await (await ramClient()).getPolicy(new $Ram.GetPolicyRequest({ policyName: ADDON_POLICY_NAME, policyType: "Custom" }))).body!.defaultPolicyVersion!.policyDocument!,
    );
    expect(doc.Statement).toContainEqual(widened);
    const { addonPolicyDocumentJson } = await import("@/lib/addon");
    for (const statement of JSON.parse(addonPolicyDocumentJson()).Statement) expect(doc.Statement).toContainEqual(statement);
    expect(await grant()).toMatchObject({ kind: "done", changes: [] });
  });

  it("manual: proves the pair, writes it, and says which permissions its RAM user lacks", async () => {
    const { ramClient } = await import("@/lib/alicloud/clients");
    const $Ram = await import("@alicloud/ram20150501");
    await (await ramClient()).createUser(new $Ram.CreateUserRequest({ userName: "it-manual" }));
    await (await ramClient()).attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "it-manual", policyName: "AliyunVPCReadOnlyAccess", policyType: "System" }));
    const keys = await createAccessKey("it-manual");
    const asked = await manualGrant({ cluster, ...keys, who: "it", replaceExisting: false });
    expect(asked.kind).toBe("needs-confirmation");
    const done = await manualGrant({ cluster, ...keys, who: "it", replaceExisting: true });
    expect(done).toMatchObject({ kind: "done", owner: "it-manual", coverage: { complete: false, missing: expect.arrayContaining(["AliyunECIFullAccess"]) } });
    expect(await secretKeyId()).toBe(keys.accessKeyId);
    await expect(manualGrant({ cluster, accessKeyId: keys.accessKeyId, accessKeySecret: "wrongwrongwrongwrongwrong1", who: "it", replaceExisting: true })).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
    });
    // The same mistake made by someone whose console speaks Chinese: the refusal (and its field message) in Chinese.
    const { withLocale } = await import("@/lib/i18n/locale-context");
    const wrongInChinese = withLocale("zh-CN", () =>
      manualGrant({ cluster, accessKeyId: keys.accessKeyId, accessKeySecret: "wrongwrongwrongwrongwrong1", who: "it", replaceExisting: true }),
    );
    const entered = "您输入的 AccessKey Secret 不属于该 AccessKey ID";
    await expect(wrongInChinese).rejects.toMatchObject({ code: "SignatureDoesNotMatch", title: entered, fieldErrors: { accessKeySecret: entered } });
    expect(await secretKeyId()).toBe(keys.accessKeyId);
    await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret");
  });
});
