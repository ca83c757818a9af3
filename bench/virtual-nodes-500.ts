// 500 pods labelled alibabacloud.com/eci=true created at once on a fresh sandbox with ack-virtual-node installed
// (RAM user, Secret and InstallClusterAddons through the cloud emulator, 3 vSwitch zones). Prints the time until all
// are Running on virtual nodes, the time to delete them (and their ECI container groups), and memory: the control
// plane's RSS per process and this process's RSS (simulated kubelets, cloud emulator, virtual-kubelet simulation).
// Usage: npx tsx bench/virtual-nodes-500.ts [--pods N]
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "../sandbox/launcher";
import { attachVirtualNodeEnv, installVirtualNodes } from "../sandbox/virtual-kubelet/testing/setup";

const { values } = parseArgs({ options: { pods: { type: "string", default: "500" } } });
const count = Number(values.pods);

async function rssMiB(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}
async function memory(stateDir: string) {
  const rows: Record<string, number> = {};
  for (const name of ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"])
    rows[name] = await rssMiB(Number(await readFile(path.join(stateDir, "run", `${name}.pid`), "utf8")));
  rows["node process (kubelets, cloud, virtual-kubelet)"] = Math.round(process.memoryUsage().rss / 2 ** 20);
  rows.total = Object.values(rows).reduce((a, b) => a + b, 0);
  return rows;
}
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);

const stateDir = await mkdtemp(path.join(os.tmpdir(), "vnode-bench-vk-"));
const sandbox = await startSandbox({ stateDir, log: (line) => process.env.SANDBOX_DEBUG && console.error(`[sandbox] ${line}`) });
const env = await attachVirtualNodeEnv(sandbox.info);
const cleanup = async () => {
  await env.teardown();
  await sandbox.stop();
  await rm(stateDir, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
const DEADLINE_MS = 180_000;
try {
  const nodes = await installVirtualNodes(
    env,
    "bench-ack-virtual-node",
    env.vSwitches.slice(0, 3).map((v) => v.vSwitchId),
  );
  console.log(`virtual nodes Ready: ${nodes.join(", ")}`);
  console.log("memory before (MiB):", await memory(stateDir));
  const namespace = "bench-eci";
  await env.core.createNamespace({ body: { metadata: { name: namespace } } });
  for (;;) {
    const sa = await env.core.readNamespacedServiceAccount({ name: "default", namespace }).catch(() => undefined);
    if (sa) break;
    await new Promise((r) => setTimeout(r, 100));
  }

  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      env.core.createNamespacedPod({
        namespace,
        body: {
          metadata: { name: `eci-${i}`, labels: { "alibabacloud.com/eci": "true", app: "bench" } },
          spec: { containers: [{ name: "nginx", image: "nginx", resources: { limits: { cpu: "500m", memory: "1Gi" } } }] },
        },
      }),
    ),
  );
  console.log(`${count} pods created (API calls done) in ${seconds(t0)} s`);
  let byNode: Record<string, number> = {};
  let lastReport = performance.now();
  for (;;) {
    const { items } = await env.core.listNamespacedPod({ namespace });
    const running = items.filter((p) => p.status?.phase === "Running" && p.status.podIP && p.metadata?.annotations?.["k8s.aliyun.com/eci-instance-id"]);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const scheduled = items.filter((p) => p.spec?.nodeName).length;
      console.log(`  ${seconds(t0)} s: ${scheduled} scheduled, ${running.length} Running`);
    }
    if (performance.now() - t0 > DEADLINE_MS) {
      for (const p of items.filter((p) => !running.includes(p)).slice(0, 5)) console.log(`  stuck: ${p.metadata!.name} on ${p.spec?.nodeName}: ${JSON.stringify(p.status)}`);
    }
    if (performance.now() - t0 > DEADLINE_MS) throw new Error(`only ${running.length} of ${count} pods Running after ${DEADLINE_MS / 1000} s`);
    if (running.length === count) {
      byNode = {};
      for (const p of running) byNode[p.spec!.nodeName!] = (byNode[p.spec!.nodeName!] ?? 0) + 1;
      if (running.some((p) => !nodes.includes(p.spec!.nodeName!))) throw new Error("a pod landed outside the virtual nodes");
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`${count} pods Running on virtual nodes ${seconds(t0)} s after the first create; per node: ${JSON.stringify(byNode)}`);
  console.log(`memory with ${count} ECI pods (MiB):`, await memory(stateDir));

  const t1 = performance.now();
  await env.core.deleteCollectionNamespacedPod({ namespace });
  for (;;) {
    const { items } = await env.core.listNamespacedPod({ namespace });
    if (items.length === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const left = (await env.eci.eci("DescribeContainerGroups", { Limit: "100" })).TotalCount;
  console.log(`${count} pods deleted ${seconds(t1)} s after deletecollection; ECI container groups left: ${left}`);
} finally {
  await cleanup();
}
