// Shared helpers for the cloud emulator tests: a temp state dir, SDK configs, a fake add-on agent
// (for tests that do not need Kubernetes), and a capture server for raw signed requests.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import Ram from "@alicloud/ram20150501";
import Vpc from "@alicloud/vpc20160428";
import Ecs from "@alicloud/ecs20140526";
import Cs from "@alicloud/cs20151215";
import OpenApi, { $OpenApiUtil } from "@alicloud/openapi-core";
import type { AddonAgent, AddonParams, AddonStatus } from "@/sandbox/cloud/addon-objects";
import { type CloudClusterSeed, type CloudEmulator, startCloudEmulator, type StartCloudEmulatorOptions } from "@/sandbox/cloud/index";

// The packages are CommonJS; under native ESM the client class may sit on .default.
type Ctor<T> = new (config: $OpenApiUtil.Config) => T;
function ctor<T>(mod: unknown): Ctor<T> {
  const m = mod as { default?: unknown };
  return (typeof m === "function" ? m : ((m.default as { default?: unknown })?.default ?? m.default)) as Ctor<T>;
}
export const RamClient = ctor<Ram>(Ram);
export const VpcClient = ctor<Vpc>(Vpc);
export const EcsClient = ctor<Ecs>(Ecs);
export const CsClient = ctor<Cs>(Cs);
export const OpenApiClient = ctor<OpenApi>(OpenApi);

export interface Keys {
  accessKeyId: string;
  accessKeySecret: string;
}

export function sdkConfig(emu: CloudEmulator, keys: Keys = emu): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: keys.accessKeyId,
    accessKeySecret: keys.accessKeySecret,
    endpoint: emu.endpoint,
    protocol: "http",
    regionId: emu.regionId,
    readTimeout: 10_000,
    connectTimeout: 5_000,
  });
}

export function clients(emu: CloudEmulator, keys: Keys = emu) {
  const c = sdkConfig(emu, keys);
  return { ram: new RamClient(c), vpc: new VpcClient(c), ecs: new EcsClient(c), cs: new CsClient(c), openapi: new OpenApiClient(c) };
}

/** ECI has no installed client: call 2018-08-08 actions through openapi-core's generic callApi. */
export async function callEci(emu: CloudEmulator, action: string, query: Record<string, string>, keys: Keys = emu): Promise<Record<string, unknown>> {
  const client = new OpenApiClient(sdkConfig(emu, keys));
  const params = new $OpenApiUtil.Params({
    action,
    version: "2018-08-08",
    protocol: "HTTPS",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const req = new $OpenApiUtil.OpenApiRequest({ query });
  const res = (await client.callApi(params, req, {} as never)) as { body: Record<string, unknown> };
  return res.body;
}

/** In-memory stand-in for a registered cluster's objects. */
export class FakeAddonAgent implements AddonAgent {
  installed = new Map<string, AddonParams>();
  calls: string[] = [];
  failNext?: Error;
  gate?: Promise<void>;
  async status(kubeconfigPath: string): Promise<AddonStatus> {
    const p = this.installed.get(kubeconfigPath);
    return p ? { installed: true, version: p.version, missing: [] } : { installed: false, missing: ["Deployment/ack-virtual-node-controller"] };
  }
  async install(kubeconfigPath: string, p: AddonParams): Promise<void> {
    this.calls.push(`install ${kubeconfigPath}`);
    await this.gate;
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = undefined;
      throw e;
    }
    this.installed.set(kubeconfigPath, p);
  }
  async uninstall(kubeconfigPath: string): Promise<void> {
    this.calls.push(`uninstall ${kubeconfigPath}`);
    await this.gate;
    this.installed.delete(kubeconfigPath);
  }
}

export interface TestEnv {
  emu: CloudEmulator;
  dir: string;
  agent: FakeAddonAgent;
  logs: string[];
  restart(extra?: Partial<StartCloudEmulatorOptions>): Promise<CloudEmulator>;
  cleanup(): Promise<void>;
}

export async function startTestEmulator(extra: Partial<StartCloudEmulatorOptions> = {}): Promise<TestEnv> {
  const dir = await mkdtemp(path.join(tmpdir(), "cloud-emu-"));
  const agent = new FakeAddonAgent();
  const logs: string[] = [];
  const clustersSeed: CloudClusterSeed[] = extra.clusters ?? [{ name: "sandbox", kubeconfigPath: path.join(dir, "kubeconfig") }];
  const base = { stateDir: dir, port: 0, clusters: clustersSeed, addonAgent: agent, log: (l: string) => logs.push(l) };
  const env: TestEnv = {
    emu: await startCloudEmulator({ ...base, fresh: true, ...extra }),
    dir,
    agent,
    logs,
    async restart(more = {}) {
      await env.emu.close();
      env.emu = await startCloudEmulator({ ...base, ...more });
      return env.emu;
    },
    async cleanup() {
      await env.emu.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return env;
}

/**
 * Fetches a JSON admin endpoint on the emulator's port, as the sandbox administrator (Authorization: Bearer <root
 * AccessKey secret>) unless `credential` says otherwise (null = no Authorization header).
 */
export async function admin(
  emu: CloudEmulator,
  method: string,
  p: string,
  body?: unknown,
  credential: string | null = emu.accessKeySecret,
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {
    ...(body === undefined ? {} : { "content-type": "application/json" }),
    ...(credential === null ? {} : { authorization: `Bearer ${credential}` }),
  };
  const res = await fetch(`http://${emu.endpoint}${p}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers });
  return { status: res.status, json: await res.json() };
}

export interface RawRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Captures the raw requests an SDK client sends (answers each with an empty JSON object). */
export async function captureServer(): Promise<{ endpoint: string; requests: RawRequest[]; close(): Promise<void> }> {
  const requests: RawRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    endpoint: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** Replays a raw request (optionally altered) against the emulator, optionally from another loopback address (127.0.0.2). */
export function replay(emu: CloudEmulator, raw: RawRequest, localAddress?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const [host, port] = emu.endpoint.split(":");
    const { "transfer-encoding": _te, ...rest } = raw.headers;
    const headers = { ...rest, "content-length": String(raw.body.length) };
    const req = httpRequest({ host, port: Number(port), method: raw.method, path: raw.url, headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: res.statusCode!, json: JSON.parse(text) });
        } catch {
          reject(new Error(`non-JSON response ${res.statusCode}: ${text.slice(0, 200)}`));
        }
      });
    });
    req.on("error", reject);
    req.end(raw.body);
  });
}

/** Polls a condition (for asynchronous tasks) until it holds or the timeout expires. */
export async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Runs fn and returns the error it throws (fails if it does not throw). */
export async function errorOf(
  fn: () => Promise<unknown>,
): Promise<{ code: string; statusCode: number; name: string; data?: Record<string, unknown>; accessDeniedDetail?: Record<string, unknown>; message: string }> {
  try {
    await fn();
  } catch (e) {
    return e as never;
  }
  throw new Error("expected the call to fail");
}
