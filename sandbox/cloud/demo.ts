// Acceptance walk-through with the official SDK clients only:
//   npx tsx sandbox/cloud/demo.ts --kubeconfig DIR/kubeconfig [--uninstall]
// starts an emulator (state in a temp dir) registered to that cluster, creates a RAM user and a custom
// policy, attaches it, creates an AccessKey, installs ack-virtual-node and waits for the task.
// With --uninstall it then uninstalls again. Check with: kubectl -n kube-system get deploy,svc,cm
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Cs, * as $Cs from "@alicloud/cs20151215";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import Ram, * as $Ram from "@alicloud/ram20150501";
import { startCloudEmulator } from "./index";

const { values } = parseArgs({ options: { kubeconfig: { type: "string" }, uninstall: { type: "boolean", default: false } } });
if (!values.kubeconfig) throw new Error("usage: npx tsx sandbox/cloud/demo.ts --kubeconfig FILE [--uninstall]");
const emu = await startCloudEmulator({ stateDir: await mkdtemp(path.join(tmpdir(), "cloud-demo-")), fresh: true, clusters: [{ name: "sandbox", kubeconfigPath: values.kubeconfig }], log: console.error });
const config = new $OpenApiUtil.Config({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, endpoint: emu.endpoint, protocol: "http", readTimeout: 10_000 });
// CommonJS packages under native ESM: the client class is on .default.
const ram = new ((Ram as unknown as { default: typeof Ram }).default ?? Ram)(config);
const cs = new ((Cs as unknown as { default: typeof Cs }).default ?? Cs)(config);
const clusterId = emu.clusters[0].clusterId;

await ram.createUser(new $Ram.CreateUserRequest({ userName: "ack-virtual-node-addon" }));
const policyDocument = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: ["eci:*"], Resource: ["*"] }] });
await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: "ack-virtual-node-eci", policyDocument }));
await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: "ack-virtual-node-addon", policyName: "ack-virtual-node-eci", policyType: "Custom" }));
const key = await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: "ack-virtual-node-addon" }));
console.log(`RAM user ack-virtual-node-addon, AccessKey ${key.body?.accessKey?.accessKeyId}`);

async function run(taskId: string): Promise<void> {
  for (;;) {
    const t = (await cs.describeTaskInfo(taskId)).body!;
    if (t.state !== "running") return console.log(`task ${taskId}: ${t.state}${t.error ? ` ${t.error.message}` : ""}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const inst = await cs.installClusterAddons(clusterId, new $Cs.InstallClusterAddonsRequest({ body: [new $Cs.InstallClusterAddonsRequestBody({ name: "ack-virtual-node" })] }));
await run(inst.body!.taskId!);
console.log(JSON.stringify((await cs.listClusterAddonInstances(clusterId)).body?.addons));
if (values.uninstall) {
  const un = await cs.unInstallClusterAddons(clusterId, new $Cs.UnInstallClusterAddonsRequest({ addons: [new $Cs.UnInstallClusterAddonsRequestAddons({ name: "ack-virtual-node" })] }));
  await run(un.body!.taskId!);
}
await emu.close();
