// The network facts behind the eci-profile form, as plain data: the region's VPCs, vSwitches and security groups.
// Region-wide lists (not only the profile's VPC) let the checks say "belongs to another VPC".
import type { CloudFacts, VSwitchFact } from "./validate-against-vpc";

export interface VpcOption {
  vpcId: string;
  regionId: string;
  name: string;
  cidrBlock: string;
}

export interface VSwitchOption extends VSwitchFact {
  name: string;
}

export interface SecurityGroupOption {
  securityGroupId: string;
  vpcId: string;
  name: string;
}

export interface NetworkFacts extends CloudFacts {
  vpcs: VpcOption[];
  vSwitches: VSwitchOption[];
  securityGroups: SecurityGroupOption[];
}

/** kube-system/eci-profile as read: its data and the resourceVersion a write must be preconditioned on. */
export interface EciProfileSnapshot {
  resourceVersion: string;
  data: Record<string, string>;
}

/** The network facts as the settings page has them: ready, or why not (no credentials, a cloud error) in words. */
export type NetworkState = { kind: "ready"; facts: NetworkFacts } | { kind: "no-credentials" | "error"; message: string };
