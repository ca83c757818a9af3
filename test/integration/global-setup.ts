import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startSandbox } from "@/sandbox/launcher";
import type { SandboxInfo } from "@/sandbox/sandbox-info";

declare module "vitest" {
  export interface ProvidedContext {
    sandbox: SandboxInfo;
  }
}

/** One real control plane for the whole integration run; each test file works in namespaces of its own. */
export default async function setup(project: TestProject) {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), "vnode-it-"));
  const started = Date.now();
  const sandbox = await startSandbox({ stateDir, log: (line) => process.env.SANDBOX_DEBUG && console.error(`[sandbox] ${line}`) });
  console.error(`sandbox for integration tests: Kubernetes ${sandbox.info.kubernetesVersion}, ready in ${Date.now() - started} ms`);
  project.provide("sandbox", sandbox.info);
  process.env.SANDBOX_KUBECONFIG = sandbox.info.kubeconfig;
  process.env.SANDBOX_STATE_DIR = stateDir;
  return async () => {
    await sandbox.stop();
    await rm(stateDir, { recursive: true, force: true });
  };
}
