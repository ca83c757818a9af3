// The typed view of kube-system/eci-profile that the form edits (the keys ack-virtual-node's docs list for eci-profile).
import type { EciProfileFields } from "./schema";

export type { EciSelector, EciProfileFields } from "./schema";

/** ConfigMap keys the form understands; all other keys are carried along untouched. */
export const KNOWN_KEYS = [
  "vpcId",
  "vSwitchIds",
  "securityGroupId",
  "resourceGroupId",
  "enableClusterIp",
  "enableHybridMode",
  "enablePrivateZone",
  "selectors",
] as const satisfies readonly (keyof EciProfileFields)[];

export type KnownKey = (typeof KNOWN_KEYS)[number];

export const isKnownKey = (key: string): key is KnownKey => (KNOWN_KEYS as readonly string[]).includes(key);

export interface EciProfile extends EciProfileFields {
  /**
   * Keys the form does not know (enableLinuxArm64Node, featureGates, slsMachineGroup, …), as read.
   * Informational: toConfigMapData always takes unknown keys from the data it writes onto.
   */
  otherKeys: Record<string, string>;
}

/** Values the add-on assumes when a key is absent (template in S-prof; enableClusterIp defaults to true). */
export const DEFAULTS: EciProfileFields = {
  vpcId: "",
  vSwitchIds: [],
  securityGroupId: "",
  resourceGroupId: "",
  enableClusterIp: true,
  enableHybridMode: false,
  enablePrivateZone: false,
  selectors: [],
};
