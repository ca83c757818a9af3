// Acceptance walk-through with the official SDK clients only, against a running sandbox's cloud emulator:
//   npx tsx sandbox/cloud/demo.ts --state-dir DIR [--uninstall]
// creates a RAM user and a custom policy, attaches it, creates an AccessKey, installs ack-virtual-node on the
// sandbox's registered cluster and waits for the task; with --uninstall it then uninstalls again.
// Check with: KUBECONFIG=DIR/kubeconfig kubectl -n kube-system get deploy,svc,cm
import { parseArgs } from "node:util";
import Cs, * as $Cs from "@alicloud/cs20151215";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import Ram, * as $Ram from "@alicloud/ram20150501";
import { readSandboxInfo } from "../sandbox-info";

const { values } = parseArgs({
  options: { "state-dir": { type: "string" }, uninstall: { type: "boolean", default: false }, user: { type: "string", default: "ack-virtual-node-addon" } },
});
if (!values["state-dir"]) throw new Error("usage: npx tsx sandbox/cloud/demo.ts --state-dir DIR [--uninstall]");
const info = await readSandboxInfo(values["state-dir"]);
if (!info.cloud || !info.clusters?.length) throw new Error(`${values["state-dir"]}/sandbox.json has no cloud emulator: is the sandbox running?`);
const config = new $OpenApiUtil.Config({
  accessKeyId: info.cloud.accessKeyId,
  accessKeySecret: info.cloud.accessKeySecret,
  endpoint: info.cloud.endpoint,
  protocol: "http",
  readTimeout: 10_000,
});
// CommonJS packages under native ESM: the client class is on .default.
const ram = new ((Ram as unknown as { default: typeof Ram }).default ?? Ram)(config);
const cs = new ((Cs as unknown as { default: typeof Cs }).default ?? Cs)(config);
const clusterId = info.clusters[0].clusterId;
const userName = values.user!;

await ram.createUser(new $Ram.CreateUserRequest({ userName }));
const policyName = `${userName}-eci`;
const policyDocument = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: ["eci:*", "vpc:Describe*"], Resource: ["*"] }] });
await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName, policyDocument }));
await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName, policyName, policyType: "Custom" }));
const key = await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName }));
console.log(`RAM user ${userName}, policy ${policyName} attached, AccessKey ${key.body?.accessKey?.accessKeyId}`);

async function run(taskId: string): Promise<string> {
  for (;;) {
    const t = (await cs.describeTaskInfo(taskId)).body!;
    if (t.state !== "running") {
      console.log(`task ${taskId}: ${t.state}${t.error ? ` ${t.error.message}` : ""}`);
      return t.state!;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
const inst = await cs.installClusterAddons(clusterId, new $Cs.InstallClusterAddonsRequest({ body: [new $Cs.InstallClusterAddonsRequestBody({ name: "ack-virtual-node" })] }));
console.log(`install ${await run(inst.body!.taskId!)}`);
if (values.uninstall) {
  const un = await cs.unInstallClusterAddons(
    clusterId,
    new $Cs.UnInstallClusterAddonsRequest({ addons: [new $Cs.UnInstallClusterAddonsRequestAddons({ name: "ack-virtual-node" })] }),
  );
  console.log(`uninstall ${await run(un.body!.taskId!)}`);
}
