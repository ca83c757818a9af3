import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** The contents of `<stateDir>/sandbox.json`: how tests, tools and the console find a running sandbox. */
export interface SandboxInfo {
  apiserver: string;
  kubeconfig: string;
  stateDir: string;
  pid: number;
  kubernetesVersion: string;
  nodes: string[];
  cloud?: { endpoint: string; accessKeyId: string; accessKeySecret: string; regionId: string };
  clusters?: { clusterId: string; name: string; regionId: string; context: string }[];
  /** The sandbox's OpenID Connect provider and its people (passwords are per start; this file is owner-only). */
  oidc?: { issuer: string; clientId: string; clientSecret: string; users: { username: string; password: string; groups: string[] }[] };
  /** The kube-apiserver's audit log (impersonated requests name the person as impersonatedUser). */
  auditLog?: string;
  /** `link` is the sign-in link exactly as `npm start` printed it. */
  console?: { url: string; token: string; link?: string };
}

export const sandboxInfoPath = (stateDir: string) => path.join(stateDir, "sandbox.json");

export async function readSandboxInfo(stateDir: string): Promise<SandboxInfo> {
  return JSON.parse(await readFile(sandboxInfoPath(stateDir), "utf8"));
}

/** Written atomically (and owner-only: it holds credentials) so a reader never sees half a file. */
export async function writeSandboxInfo(stateDir: string, info: SandboxInfo) {
  const file = sandboxInfoPath(stateDir);
  await writeFile(`${file}.tmp`, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

export async function updateSandboxInfo(stateDir: string, patch: Partial<SandboxInfo>) {
  await writeSandboxInfo(stateDir, { ...(await readSandboxInfo(stateDir)), ...patch });
}
