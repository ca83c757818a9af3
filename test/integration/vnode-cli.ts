import { spawn } from "node:child_process";
import path from "node:path";
import type { SandboxInfo } from "@/sandbox/sandbox-info";

const launcher = path.resolve(import.meta.dirname, "../../cli/vnode.mjs");

export interface VnodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment `npm start` gives the console for a sandbox (see console-env.ts), for the CLI as a user would set
 * it: KUBECONFIG, the default credential chain's variables, the emulator endpoint, and a console config of its own.
 */
export function vnodeEnv(sandbox: SandboxInfo, configName: string): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    USER: process.env.USER,
    KUBECONFIG: sandbox.kubeconfig,
    VNODE_CONSOLE_CONFIG: `${sandbox.stateDir}/${configName}/console.json`,
    ALIBABA_CLOUD_ACCESS_KEY_ID: sandbox.cloud!.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: sandbox.cloud!.accessKeySecret,
    ALIBABA_CLOUD_REGION_ID: sandbox.cloud!.regionId,
    VNODE_ALIBABA_CLOUD_ENDPOINT: sandbox.cloud!.endpoint,
    VNODE_ALIBABA_CLOUD_PROTOCOL: "http",
  };
}

/** Runs the real `vnode` launcher as a child process (no terminal: stdin is a pipe), as a pipeline would. */
export function vnode(env: Record<string, string | undefined>, args: string[], opts: { input?: string; cwd?: string } = {}): Promise<VnodeRun> {
  return new Promise((resolve, reject) => {
    // Started from another directory on purpose: the launcher must find its tsx and tsconfig by itself.
    const child = spawn(process.execPath, [launcher, ...args], { env: env as NodeJS.ProcessEnv, cwd: opts.cwd ?? "/", stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}
