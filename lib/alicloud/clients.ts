import "server-only";
import Credential from "@alicloud/credentials";
import Cs from "@alicloud/cs20151215";
import Ecs from "@alicloud/ecs20140526";
import OpenApi, { $OpenApiUtil } from "@alicloud/openapi-core";
import Ram from "@alicloud/ram20150501";
import Sts from "@alicloud/sts20150401";
import Vpc from "@alicloud/vpc20160428";
import { ConsoleError, words } from "@/lib/errors";

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

function config(product: Product, regionId: string, keys?: { accessKeyId: string; accessKeySecret: string }) {
  if (!keys && !cloudConfigured()) throw new CloudNotConfiguredError();
  return new $OpenApiUtil.Config({
    // Without explicit keys the official default chain decides (env, credentials file, ECS RAM role, OIDC).
    ...(keys ? { accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret } : { credential: new (ctor<Credential>(Credential) as unknown as new () => Credential)() }),
    endpoint: endpointFor(product, regionId),
    protocol: process.env.VNODE_ALIBABA_CLOUD_PROTOCOL ?? "https",
    regionId,
    readTimeout: 15_000,
    connectTimeout: 5_000,
  });
}

export const defaultRegion = () => process.env.ALIBABA_CLOUD_REGION_ID ?? "cn-hangzhou";

export const ramClient = (keys?: { accessKeyId: string; accessKeySecret: string }) => new (ctor<Ram>(Ram))(config("ram", defaultRegion(), keys));
/** STS with a given key pair: GetCallerIdentity needs no permission, so it proves and identifies any valid pair. */
export const stsClient = (keys: { accessKeyId: string; accessKeySecret: string }) => new (ctor<Sts>(Sts))(config("sts", defaultRegion(), keys));
export const csClient = (regionId = defaultRegion()) => new (ctor<Cs>(Cs))(config("cs", regionId));
export const vpcClient = (regionId = defaultRegion()) => new (ctor<Vpc>(Vpc))(config("vpc", regionId));
export const ecsClient = (regionId = defaultRegion()) => new (ctor<Ecs>(Ecs))(config("ecs", regionId));

/** ECI has no client package in the stack; its RPC API is called through openapi-core's generic callApi. */
export async function callEci<T>(action: string, query: Record<string, string>, regionId = defaultRegion(), keys?: { accessKeyId: string; accessKeySecret: string }): Promise<T> {
  const client = new (ctor<OpenApi>(OpenApi))(config("eci", regionId, keys));
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
