// Alibaba-managed ("System") RAM policies known to the emulator. Documents are simplified
// stand-ins for the real ones: they grant the same services at the same access level.
export interface SystemPolicy {
  policyName: string;
  description: string;
  document: string;
}

function doc(actions: string[]): string {
  return JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });
}

const READ = (svc: string) => [`${svc}:Describe*`, `${svc}:List*`, `${svc}:Get*`, `${svc}:Query*`, `${svc}:Check*`];

const DEFS: [string, string, string[]][] = [
  ["AdministratorAccess", "Provides full access to Alibaba Cloud services and resources.", ["*"]],
  ["ReadOnlyAccess", "Provides read-only access to Alibaba Cloud services and resources.", ["*:Describe*", "*:List*", "*:Get*", "*:BatchGet*", "*:Query*", "*:BatchQuery*"]],
  [
    "AliyunECIFullAccess",
    "Provides full access to Elastic Container Instance (ECI).",
    ["eci:*", ...READ("vpc"), "ecs:DescribeSecurityGroups", "ecs:DescribeRegions", "ecs:DescribeZones"],
  ],
  ["AliyunECIReadOnlyAccess", "Provides read-only access to Elastic Container Instance (ECI).", READ("eci")],
  ["AliyunVPCFullAccess", "Provides full access to Virtual Private Cloud (VPC).", ["vpc:*"]],
  ["AliyunVPCReadOnlyAccess", "Provides read-only access to Virtual Private Cloud (VPC).", READ("vpc")],
  ["AliyunECSFullAccess", "Provides full access to Elastic Compute Service (ECS).", ["ecs:*"]],
  ["AliyunECSReadOnlyAccess", "Provides read-only access to Elastic Compute Service (ECS).", READ("ecs")],
  ["AliyunAccFullAccess", "Provides full access to Container Compute Service (ACS).", ["acc:*"]],
  ["AliyunCSFullAccess", "Provides full access to Container Service for Kubernetes (ACK).", ["cs:*"]],
  ["AliyunCSReadOnlyAccess", "Provides read-only access to Container Service for Kubernetes (ACK).", READ("cs")],
  ["AliyunRAMFullAccess", "Provides full access to Resource Access Management (RAM).", ["ram:*"]],
  ["AliyunRAMReadOnlyAccess", "Provides read-only access to Resource Access Management (RAM).", READ("ram")],
];

export const SYSTEM_POLICIES: Record<string, SystemPolicy> = Object.fromEntries(
  DEFS.map(([policyName, description, actions]) => [policyName, { policyName, description, document: doc(actions) }]),
);
// The docs spell it "AliyunRamFullAccess" as well; RAM policy names are case-insensitive.
export function findSystemPolicy(name: string): SystemPolicy | undefined {
  const lower = name.toLowerCase();
  return Object.values(SYSTEM_POLICIES).find((p) => p.policyName.toLowerCase() === lower);
}
export const SYSTEM_POLICY_CREATE_DATE = "2015-04-28T16:00:00Z";
