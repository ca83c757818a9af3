import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import Ram, * as $Ram from "@alicloud/ram20150501";
import { describe, expect, inject, it } from "vitest";
import { callEci, errorOf } from "../cloud/helpers";
import type { CloudEmulator } from "@/sandbox/cloud";
import { kubectl, kubectlJson } from "./kubectl";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../..");
const { stateDir, kubeconfig, cloud, clusters } = inject("sandbox");

describe("the sandbox's cloud emulator, driven by the official SDK clients", () => {
  it("is written to sandbox.json beside the cluster, with the registered cluster pointing at it", () => {
    expect(cloud?.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(cloud?.accessKeyId).toMatch(/^LTAI/);
    expect(clusters?.[0]).toMatchObject({ regionId: "cn-hangzhou", context: "vnode-sandbox" });
    expect(clusters?.[0].clusterId).toMatch(/^c[0-9a-f]{32}$/);
  });

  it("grant + install with the SDK puts the add-on's objects in the cluster; uninstall removes them and keeps the Secret", async () => {
    await kubectl(
      kubeconfig,
      "-n",
      "kube-system",
      "create",
      "secret",
      "generic",
      "alibaba-addon-secret",
      "--from-literal=access-key-id=LTAIexample",
      "--from-literal=access-key-secret=not-a-real-secret",
    );
    const install = await run("npx", ["tsx", "sandbox/cloud/demo.ts", "--state-dir", stateDir, "--user", "it-install"], { cwd: repoRoot });
    expect(install.stdout).toContain("install success");
    const objects = await kubectl(kubeconfig, "-n", "kube-system", "get", "deploy,svc,cm", "-o", "name");
    expect(objects).toContain("deployment.apps/ack-virtual-node-controller");
    expect(objects).toContain("service/vk-webhook");
    expect(objects).toContain("configmap/eci-profile");
    const profile = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile");
    expect(profile.data.vSwitchIds).toMatch(/^vsw-/);
    expect(profile.data.securityGroupId).toMatch(/^sg-/);
    expect(profile.data.vpcId).toMatch(/^vpc-/);

    const uninstall = await run("npx", ["tsx", "sandbox/cloud/demo.ts", "--state-dir", stateDir, "--user", "it-uninstall", "--uninstall"], { cwd: repoRoot });
    expect(uninstall.stdout).toContain("uninstall success");
    const after = await kubectl(kubeconfig, "-n", "kube-system", "get", "deploy,svc,cm,secret", "-o", "name");
    expect(after).not.toContain("ack-virtual-node-controller");
    expect(after).not.toContain("service/vk-webhook");
    expect(after).toContain("secret/alibaba-addon-secret");
    await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret");
  });

  it("refuses ECI actions to an AccessKey whose user lacks ECI permission, with the documented error", async () => {
    const admin = new $OpenApiUtil.Config({ accessKeyId: cloud!.accessKeyId, accessKeySecret: cloud!.accessKeySecret, endpoint: cloud!.endpoint, protocol: "http" });
    const ram = new ((Ram as unknown as { default: typeof Ram }).default ?? Ram)(admin);
    await ram.createUser(new $Ram.CreateUserRequest({ userName: "it-vpc-only" }));
    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "it-vpc-only", policyName: "AliyunVPCReadOnlyAccess", policyType: "System" }));
    const key = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "it-vpc-only" }))).body!.accessKey!;
    const emu = { endpoint: cloud!.endpoint } as CloudEmulator;
    const denied = await errorOf(() =>
      callEci(emu, "DescribeContainerGroups", { RegionId: "cn-hangzhou" }, { accessKeyId: key.accessKeyId!, accessKeySecret: key.accessKeySecret! }),
    );
    expect(denied).toMatchObject({ code: "Forbidden.RAM", statusCode: 403 });
  });
});
