import "server-only";
import type Credential from "@alicloud/credentials";
import type Cs from "@alicloud/cs20151215";
import type Ecs from "@alicloud/ecs20140526";
import OpenApi, { $OpenApiUtil } from "@alicloud/openapi-core";
import type Ram from "@alicloud/ram20150501";
import type Sts from "@alicloud/sts20150401";
import type Vpc from "@alicloud/vpc20160428";
import { ConsoleError, words } from "@/lib/errors";

/**
 * The exports of a CommonJS SDK package, imported when first needed: each product SDK is thousands of files (ECS and
 * VPC about 7 MiB of source each) that V8 keeps in memory for good once loaded, and most pages never call the cloud.
 * Through Node's ESM interop the exports sit on `.default`; through a bundler's interop they may be the namespace.
 */
async function sdk<T extends object>(module: Promise<T>): Promise<T> {
  const namespace = (await module) as T & { default?: unknown };
  const inner = namespace.default;
  return (inner && typeof inner === "object" && "default" in inner ? inner : namespace) as T;
}
const csSdk = () => sdk(import("@alicloud/cs20151215"));
const ecsSdk = () => sdk(import("@alicloud/ecs20140526"));
const ramSdk = () => sdk(import("@alicloud/ram20150501"));
const vpcSdk = () => sdk(import("@alicloud/vpc20160428"));

/** The SDK packages are CommonJS: through ESM interop the class may sit on `.default` (or `.default.default`). */
function ctor<T>(mod: unknown): new (config: $OpenApiUtil.Config) => T {
  const m = mod as { default?: { default?: unknown } };
  return (typeof m === "function" ? m : (m.default?.default ?? m.default)) as never;
}

export class CloudNotConfiguredError extends ConsoleError {
  constructor() {
    super({
      code: "CloudNotConfigured",
      title: words("server.cloud.notConfigured.title"),
      whatToDo: words("server.cloud.notConfigured.whatToDo"),
    });
  }
}

/** Whether the default credential chain can find anything; the chain itself is only walked when a call is made. */
export function cloudConfigured(): boolean {
  return Boolean(
    (process.env.ALIBABA_CLOUD_ACCESS_KEY_ID && process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET) ||
      process.env.ALIBABA_CLOUD_CREDENTIALS_FILE ||
      process.env.ALIBABA_CLOUD_ECS_METADATA ||
      process.env.ALIBABA_CLOUD_ROLE_ARN,
  );
}

type Product = "ram" | "cs" | "vpc" | "ecs" | "eci" | "sts";

/**
 * Endpoint of a product: the public one by default, or VNODE_ALIBABA_CLOUD_ENDPOINT (host:port) for every product,
 * which is how a private gateway or the sandbox's emulator is used. Nothing else differs between them.
 */
function endpointFor(product: Product, regionId: string) {
  const override = process.env.VNODE_ALIBABA_CLOUD_ENDPOINT;
  if (override) return override;
  return product === "ram" || product === "sts" ? `${product}.aliyuncs.com` : `${product}.${regionId}.aliyuncs.com`;
}

async function config(product: Product, regionId: string, keys?: { accessKeyId: string; accessKeySecret: string }) {
  if (!keys && !cloudConfigured()) throw new CloudNotConfiguredError();
  const credential = keys ? undefined : (ctor<Credential>(await sdk(import("@alicloud/credentials"))) as unknown as new () => Credential);
  return new $OpenApiUtil.Config({
    // Without explicit keys the official default chain decides (env, credentials file, ECS RAM role, OIDC).
    ...(credential ? { credential: new credential() } : { accessKeyId: keys!.accessKeyId, accessKeySecret: keys!.accessKeySecret }),
    endpoint: endpointFor(product, regionId),
    protocol: process.env.VNODE_ALIBABA_CLOUD_PROTOCOL ?? "https",
    regionId,
    readTimeout: 15_000,
    connectTimeout: 5_000,
  });
}

export const defaultRegion = () => process.env.ALIBABA_CLOUD_REGION_ID ?? "cn-hangzhou";

export const ramClient = async (keys?: { accessKeyId: string; accessKeySecret: string }) => new (ctor<Ram>(await ramSdk()))(await config("ram", defaultRegion(), keys));
/** STS with a given key pair: GetCallerIdentity needs no permission, so it proves and identifies any valid pair. */
export const stsClient = async (keys: { accessKeyId: string; accessKeySecret: string }) =>
  new (ctor<Sts>(await sdk(import("@alicloud/sts20150401"))))(await config("sts", defaultRegion(), keys));
export const csClient = async (regionId = defaultRegion()) => new (ctor<Cs>(await csSdk()))(await config("cs", regionId));
export const vpcClient = async (regionId = defaultRegion()) => new (ctor<Vpc>(await vpcSdk()))(await config("vpc", regionId));
export const ecsClient = async (regionId = defaultRegion()) => new (ctor<Ecs>(await ecsSdk()))(await config("ecs", regionId));

/** A product's client with its SDK's request classes, both loaded on first use: what each call site needs. */
async function withSdk<C, S>(client: Promise<C>, classes: Promise<S>) {
  const [loaded, sdk] = await Promise.all([client, classes]);
  return { client: loaded, sdk };
}
export const ramApi = () => withSdk(ramClient(), ramSdk());
export const csApi = (regionId = defaultRegion()) => withSdk(csClient(regionId), csSdk());
export const vpcApi = (regionId = defaultRegion()) => withSdk(vpcClient(regionId), vpcSdk());
export const ecsApi = (regionId = defaultRegion()) => withSdk(ecsClient(regionId), ecsSdk());

/** ECI has no client package in the stack; its RPC API is called through openapi-core's generic callApi. */
export async function callEci<T>(action: string, query: Record<string, string>, regionId = defaultRegion(), keys?: { accessKeyId: string; accessKeySecret: string }): Promise<T> {
  const client = new (ctor<OpenApi>(OpenApi))(await config("eci", regionId, keys));
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
  const request = new $OpenApiUtil.OpenApiRequest({ query });
  const response = (await client.callApi(params, request, {} as never)) as { body: T };
  return response.body;
}
