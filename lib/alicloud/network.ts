import "server-only";
// The region's VPCs, vSwitches and security groups through the official clients (DescribeVpcs, DescribeVSwitches,
// DescribeSecurityGroups), as the domain's NetworkFacts.
import type * as $Vpc from "@alicloud/vpc20160428";
import type { NetworkFacts, SecurityGroupOption, VSwitchOption, VpcOption } from "@/lib/eci-profile";
import { ecsApi, vpcApi } from "./clients";

const PAGE_SIZE = 50; // the largest page DescribeVpcs/DescribeVSwitches/DescribeSecurityGroups accept

/** Reads every page: accounts with more than one page of vSwitches exist, and a missing one would look "unknown". */
async function allPages<T>(fetchPage: (pageNumber: number) => Promise<{ items: T[]; totalCount: number }>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const { items: batch, totalCount } = await fetchPage(page);
    items.push(...batch);
    if (batch.length === 0 || items.length >= totalCount) return items;
  }
}

function toVSwitch(v: $Vpc.DescribeVSwitchesResponseBodyVSwitchesVSwitch): VSwitchOption {
  return {
    vSwitchId: v.vSwitchId ?? "",
    vpcId: v.vpcId ?? "",
    zoneId: v.zoneId ?? "",
    cidrBlock: v.cidrBlock ?? "",
    availableIpAddressCount: v.availableIpAddressCount ?? 0,
    status: v.status ?? "",
    name: v.vSwitchName ?? "",
  };
}

async function describeVSwitches(regionId: string, filter: { vSwitchId?: string } = {}): Promise<VSwitchOption[]> {
  const { client, sdk: $Vpc } = await vpcApi(regionId);
  return allPages(async (pageNumber) => {
    const body = (await client.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId, pageNumber, pageSize: PAGE_SIZE, ...filter }))).body;
    return { items: (body?.vSwitches?.vSwitch ?? []).map(toVSwitch), totalCount: body?.totalCount ?? 0 };
  });
}

async function describeVpcs(regionId: string): Promise<VpcOption[]> {
  const { client, sdk: $Vpc } = await vpcApi(regionId);
  return allPages(async (pageNumber) => {
    const body = (await client.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId, pageNumber, pageSize: PAGE_SIZE }))).body;
    const items = (body?.vpcs?.vpc ?? []).map((v) => ({ vpcId: v.vpcId ?? "", regionId: v.regionId ?? regionId, name: v.vpcName ?? "", cidrBlock: v.cidrBlock ?? "" }));
    return { items, totalCount: body?.totalCount ?? 0 };
  });
}

async function describeSecurityGroups(regionId: string): Promise<SecurityGroupOption[]> {
  const { client, sdk: $Ecs } = await ecsApi(regionId);
  return allPages(async (pageNumber) => {
    const body = (await client.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId, pageNumber, pageSize: PAGE_SIZE }))).body;
    const items = (body?.securityGroups?.securityGroup ?? []).map((g) => ({ securityGroupId: g.securityGroupId ?? "", vpcId: g.vpcId ?? "", name: g.securityGroupName ?? "" }));
    return { items, totalCount: body?.totalCount ?? 0 };
  });
}

/** The region's VPCs, vSwitches and security groups. Throws CloudNotConfiguredError without credentials. */
export async function loadNetworkFacts(regionId: string): Promise<NetworkFacts> {
  const [vpcs, vSwitches, securityGroups] = await Promise.all([describeVpcs(regionId), describeVSwitches(regionId), describeSecurityGroups(regionId)]);
  return { regionId, vpcs, vSwitches, securityGroups };
}

/**
 * Facts for checking a save: the region's facts plus, for vSwitch IDs the region does not know, where they are in
 * other ECI regions, so the message can say "outside the region" rather than only "not found".
 */
export async function factsForValidation(regionId: string, vSwitchIds: readonly string[], otherRegions: () => Promise<readonly string[]>): Promise<NetworkFacts> {
  const facts = await loadNetworkFacts(regionId);
  const unknown = vSwitchIds.filter((id) => !facts.vSwitches.some((v) => v.vSwitchId === id));
  if (unknown.length === 0) return facts;
  const others = (await otherRegions().catch(() => [] as string[])).filter((r) => r !== regionId);
  const found = await Promise.all(others.map((r) => describeVSwitches(r, { vSwitchId: unknown.join(",") }).catch(() => [])));
  return { ...facts, vSwitches: [...facts.vSwitches, ...found.flat()] };
}
