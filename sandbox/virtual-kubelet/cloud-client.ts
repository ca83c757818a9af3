// The controller's calls to Alibaba Cloud: ECI 2018-08-08 and VPC 2016-04-28 (RPC), through the official
// @alicloud/openapi-core client's generic callApi (ACS3-HMAC-SHA256, verified by the emulator), with the AccessKey
// from kube-system/alibaba-addon-secret. Only the endpoint is the sandbox's: the real controller would use
// eci.<region>.aliyuncs.com / vpc.aliyuncs.com.
import OpenApi, { $OpenApiUtil } from "@alicloud/openapi-core";

// The package is CommonJS; under native ESM the class may sit on .default.
type ClientCtor = new (config: $OpenApiUtil.Config) => OpenApi;
const mod = OpenApi as unknown as { default?: { default?: unknown } };
const OpenApiClient = (typeof OpenApi === "function" ? OpenApi : (mod.default?.default ?? mod.default)) as ClientCtor;

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
}

/** A cloud API error with the gateway's code (InvalidAccessKeyId.NotFound, Forbidden.RAM, RecommendEmpty.InstanceTypeNoStock...). */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode?: number,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** Errors that mean the AccessKey itself is unusable (as opposed to one request failing). */
export const isCredentialError = (e: unknown) =>
  e instanceof CloudError && /^(InvalidAccessKeyId|Forbidden\.AccessKeyDisabled|SignatureDoesNotMatch|IncompleteSignature)/.test(e.code);
export const isPermissionError = (e: unknown) => e instanceof CloudError && /^(Forbidden\.RAM|NoPermission|Forbidden)$/.test(e.code);

export interface ContainerGroupView {
  ContainerGroupId: string;
  Status: string;
  ZoneId: string;
  VSwitchId: string;
  IntranetIp: string;
  Cpu: number;
  Memory: number;
  InstanceType?: string;
}

export class CloudClient {
  private client: OpenApi;

  constructor(
    endpoint: string,
    readonly regionId: string,
    key: AccessKey,
  ) {
    this.client = new OpenApiClient(
      new $OpenApiUtil.Config({
        accessKeyId: key.accessKeyId,
        accessKeySecret: key.accessKeySecret,
        endpoint,
        protocol: "http",
        regionId,
        readTimeout: 30_000,
        connectTimeout: 5_000,
      }),
    );
  }

  // biome-ignore lint/suspicious/noExplicitAny: the RPC answer's JSON, read field by field by each caller
  private async call(version: string, action: string, query: Record<string, string>): Promise<Record<string, any>> {
    const params = new $OpenApiUtil.Params({
      action,
      version,
      protocol: "HTTPS",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    try {
      // biome-ignore lint/suspicious/noExplicitAny: as above
      const res = (await this.client.callApi(params, new $OpenApiUtil.OpenApiRequest({ query }), {} as never)) as { body: Record<string, any> };
      return res.body;
    } catch (error) {
      const e = error as { code?: string; message?: string; statusCode?: number; data?: { Message?: string; RequestId?: string } };
      if (typeof e?.code === "string" && e.data) throw new CloudError(e.code, e.data.Message ?? e.message ?? e.code, e.statusCode, e.data.RequestId);
      throw new CloudError(e?.code ?? "NetworkError", e?.message?.split("\n")[0] ?? String(error));
    }
  }

  eci(action: string, query: Record<string, string>) {
    return this.call("2018-08-08", action, { RegionId: this.regionId, ...query });
  }

  /** A cheap authenticated call that needs eci:DescribeContainerGroups: checks the key and its ECI permission. */
  async checkEciAccess() {
    await this.eci("DescribeContainerGroups", { Limit: "1" });
  }

  async describeVSwitches(ids: string[]): Promise<{ vSwitchId: string; zoneId: string; cidrBlock: string; vpcId: string }[]> {
    const body = await this.call("2016-04-28", "DescribeVSwitches", { RegionId: this.regionId, VSwitchId: ids.join(","), PageSize: "50" });
    return (body.VSwitches?.VSwitch ?? []).map((v: Record<string, string>) => ({ vSwitchId: v.VSwitchId, zoneId: v.ZoneId, cidrBlock: v.CidrBlock, vpcId: v.VpcId }));
  }

  async createContainerGroup(query: Record<string, string>): Promise<string> {
    return (await this.eci("CreateContainerGroup", query)).ContainerGroupId;
  }

  async describeContainerGroup(id: string): Promise<ContainerGroupView | undefined> {
    const body = await this.eci("DescribeContainerGroups", { ContainerGroupIds: JSON.stringify([id]) });
    return body.ContainerGroups?.[0];
  }

  /** The group tagged with the pod's UID, if one exists (after a create whose outcome is unknown). */
  async findContainerGroupByTag(key: string, value: string): Promise<ContainerGroupView | undefined> {
    const body = await this.eci("DescribeContainerGroups", { "Tag.1.Key": key, "Tag.1.Value": value, Limit: "1" });
    return body.ContainerGroups?.[0];
  }

  /** Resolves false when the group is already gone. */
  async deleteContainerGroup(id: string): Promise<boolean> {
    try {
      await this.eci("DeleteContainerGroup", { ContainerGroupId: id });
      return true;
    } catch (error) {
      if (error instanceof CloudError && error.code.startsWith("InvalidContainerGroupId.NotFound")) return false;
      throw error;
    }
  }
}
