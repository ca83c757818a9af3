// Client for the emulator's admin endpoints (fault injection, call log), authenticated with the sandbox
// administrator's credential: the root AccessKey secret that sandbox.json lists as `cloud.accessKeySecret`.
// Usable from tests, the bench and tools; the secret only travels in the Authorization header to loopback.
import type { FaultConfig } from "./faults";
import type { CallRecord } from "./router";

/** What the helpers need: the emulator endpoint ("127.0.0.1:PORT") and the administrator AccessKey secret. */
export interface SandboxCloudAdmin {
  endpoint: string;
  accessKeySecret: string;
}

async function adminRequest(cloud: SandboxCloudAdmin, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`http://${cloud.endpoint}${path}`, {
    method,
    headers: { authorization: `Bearer ${cloud.accessKeySecret}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.error ?? res.statusText}`);
  return json;
}

/** Replaces the fault configuration (see README.md "Fault injection"); resolves to the configuration in force. */
export function setFaults(cloud: SandboxCloudAdmin, config: FaultConfig): Promise<FaultConfig> {
  return adminRequest(cloud, "POST", "/__sandbox/faults", config) as Promise<FaultConfig>;
}

/** Clears every fault. */
export async function clearFaults(cloud: SandboxCloudAdmin): Promise<void> {
  await adminRequest(cloud, "DELETE", "/__sandbox/faults");
}

export function getFaults(cloud: SandboxCloudAdmin): Promise<FaultConfig> {
  return adminRequest(cloud, "GET", "/__sandbox/faults") as Promise<FaultConfig>;
}

/** The authenticated API calls the emulator answered (oldest first, the last 5000), with the AccessKey id that signed each. */
export async function listCalls(cloud: SandboxCloudAdmin): Promise<CallRecord[]> {
  return ((await adminRequest(cloud, "GET", "/__sandbox/calls")) as { calls: CallRecord[] }).calls;
}
