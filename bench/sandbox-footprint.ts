// Prints the sandbox's warm start time and the control plane's memory (RSS per process, from /proc), idle and
// after 100 pods. Usage: npx tsx bench/sandbox-footprint.ts
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { startSandbox } from "../sandbox/launcher";

async function rssMiB(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function controlPlaneRss(stateDir: string) {
  const rows: Record<string, number> = {};
  for (const name of ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"]) {
    rows[name] = Math.round(await rssMiB(Number(await readFile(path.join(stateDir, "run", `${name}.pid`), "utf8"))));
  }
  rows.total = Object.values(rows).reduce((a, b) => a + b, 0);
  return rows;
}

const stateDir = await mkdtemp(path.join(os.tmpdir(), "vnode-bench-"));
const started = performance.now();
const sandbox = await startSandbox({ stateDir });
console.log(`warm start to "sandbox ready": ${((performance.now() - started) / 1000).toFixed(2)} s (Kubernetes ${sandbox.info.kubernetesVersion})`);
console.log("control plane RSS idle (MiB):", await controlPlaneRss(stateDir));

const apps = sandbox.kubeConfig.makeApiClient(AppsV1Api);
const core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
const t0 = performance.now();
await apps.createNamespacedDeployment({
  namespace: "default",
  body: {
    metadata: { name: "bench" },
    spec: {
      replicas: 100,
      selector: { matchLabels: { app: "bench" } },
      template: { metadata: { labels: { app: "bench" } }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "10m" } } }] } },
    },
  },
});
for (;;) {
  const { items } = await core.listNamespacedPod({ namespace: "default", labelSelector: "app=bench" });
  if (items.filter((p) => p.status?.phase === "Running").length === 100) break;
  await new Promise((r) => setTimeout(r, 100));
}
console.log(`100 pods Running ${((performance.now() - t0) / 1000).toFixed(2)} s after the Deployment was created`);
console.log("control plane RSS with 100 pods (MiB):", await controlPlaneRss(stateDir));
console.log(`launcher (simulated kubelets) RSS: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`);
await sandbox.stop();
await rm(stateDir, { recursive: true, force: true });
