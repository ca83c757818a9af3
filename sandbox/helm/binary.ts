import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const buildScript = fileURLToPath(new URL("./build.sh", import.meta.url));

let building: Promise<string> | undefined;

/**
 * The path of the helm binary (helm.sh/helm/v4, built from the Go module proxy into ~/.cache/vnode-console by
 * sandbox/helm/build.sh, or reused from there); build progress goes to `log`. One build per process at most.
 */
export function ensureHelmBinary(log: (line: string) => void = () => {}): Promise<string> {
  building ??= new Promise<string>((resolve, reject) => {
    const child = spawn("bash", [buildScript], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => chunk.toString().split("\n").filter(Boolean).forEach(log));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out.trim().split("\n").pop()!) : reject(new Error(`helm build failed (exit ${code}); see the lines above`))));
  }).catch((error) => {
    building = undefined;
    throw error;
  });
  return building;
}
