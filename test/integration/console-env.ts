import { KubeConfig } from "@kubernetes/client-node";
import type { SandboxInfo } from "@/sandbox/sandbox-info";

/**
 * The console's configuration, exactly as `npm start` sets it for a sandbox: only the endpoint differs from production.
 * `configName` keeps each test file's console config (links, tasks, activity log) apart. Returns the context name.
 */
export function pointConsoleAtSandbox(sandbox: SandboxInfo, configName?: string): string {
  Object.assign(process.env, {
    KUBECONFIG: sandbox.kubeconfig,
    ...(configName ? { VNODE_CONSOLE_CONFIG: `${sandbox.stateDir}/${configName}/console.json` } : {}),
    ALIBABA_CLOUD_ACCESS_KEY_ID: sandbox.cloud!.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: sandbox.cloud!.accessKeySecret,
    ALIBABA_CLOUD_REGION_ID: sandbox.cloud!.regionId,
    VNODE_ALIBABA_CLOUD_ENDPOINT: sandbox.cloud!.endpoint,
    VNODE_ALIBABA_CLOUD_PROTOCOL: "http",
  });
  const kc = new KubeConfig();
  kc.loadFromFile(sandbox.kubeconfig);
  return kc.getCurrentContext();
}
