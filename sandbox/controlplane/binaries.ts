import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

export interface ControlPlaneBinaries {
  dir: string;
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
}

const buildScript = fileURLToPath(new URL("./build.sh", import.meta.url));

/** Builds (or reuses from the cache) the control-plane binaries; build progress goes to `log`. */
export async function ensureControlPlaneBinaries(log: (line: string) => void = () => {}): Promise<ControlPlaneBinaries> {
  const dir = await new Promise<string>((resolve, reject) => {
    const child = spawn("bash", [buildScript], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => chunk.toString().split("\n").filter(Boolean).forEach(log));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out.trim().split("\n").pop()!) : reject(new Error(`control-plane build failed (exit ${code}); see the lines above`)),
    );
  });
  return {
    dir,
    etcd: path.join(dir, "etcd"),
    kubeApiserver: path.join(dir, "kube-apiserver"),
    kubeControllerManager: path.join(dir, "kube-controller-manager"),
    kubeScheduler: path.join(dir, "kube-scheduler"),
  };
}
