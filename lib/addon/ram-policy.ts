// RAM permissions for the add-on's own RAM user (whose AccessKey goes into alibaba-addon-secret).
// The set ack-virtual-node documents for its RAM user (the "Grant RAM permissions" step of its docs): the ECI actions of the 2021 custom policy
// or AliyunECIFullAccess, AliyunVPCReadOnlyAccess for the VPC/vSwitch lookups, and AliyunAccFullAccess
// only when pods go to ACS through the add-on.

/** Name onectl uses for the policy it grants (`onectl ram-user grant --addon ack-virtual-node`). */
export const ADDON_POLICY_NAME = "ack-one-registered-cluster-policy-ack-virtual-node";

export interface PolicyStatement {
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, unknown>;
}

export interface PolicyDocument {
  Version: "1";
  Statement: PolicyStatement[];
}

/** ECI actions of the documented custom policy for ack-virtual-node. */
export const ECI_ACTIONS = [
  "eci:CreateContainerGroup",
  "eci:DeleteContainerGroup",
  "eci:DescribeContainerGroups",
  "eci:DescribeContainerLog",
  "eci:UpdateContainerGroup",
  "eci:UpdateContainerGroupByTemplate",
  "eci:CreateContainerGroupFromTemplate",
  "eci:RestartContainerGroup",
  "eci:ExportContainerGroupTemplate",
  "eci:DescribeContainerGroupMetric",
  "eci:DescribeMultiContainerGroupMetric",
  "eci:ExecContainerCommand",
  "eci:CreateImageCache",
  "eci:DescribeImageCaches",
  "eci:DeleteImageCache",
] as const;

/** VPC reads the add-on makes to resolve the eci-profile's VPC and vSwitches (what AliyunVPCReadOnlyAccess grants it). */
export const VPC_READ_ACTIONS = ["vpc:DescribeVpcs", "vpc:DescribeVSwitches"] as const;

/** The policy the console's automatic grant creates and attaches to the add-on's RAM user. */
export const ADDON_POLICY_DOCUMENT: PolicyDocument = {
  Version: "1",
  Statement: [
    { Effect: "Allow", Action: [...ECI_ACTIONS], Resource: ["*"] },
    { Effect: "Allow", Action: [...VPC_READ_ACTIONS], Resource: ["*"] },
  ],
};

/** The document as the RAM CreatePolicy API takes it (a JSON string). */
export const addonPolicyDocumentJson = () => JSON.stringify(ADDON_POLICY_DOCUMENT);

export type AddonNeedId = "eci" | "vpc" | "acs";

export interface AddonNeed {
  id: AddonNeedId;
  /** The system policy that covers it. */
  systemPolicy: "AliyunECIFullAccess" | "AliyunVPCReadOnlyAccess" | "AliyunAccFullAccess";
  /** Actions a custom policy must allow to count as equivalent. */
  actions: readonly string[];
  purpose: string;
}

export const ADDON_NEEDS: readonly AddonNeed[] = [
  { id: "eci", systemPolicy: "AliyunECIFullAccess", actions: ECI_ACTIONS, purpose: "create and manage ECI container groups for pods on virtual nodes" },
  { id: "vpc", systemPolicy: "AliyunVPCReadOnlyAccess", actions: VPC_READ_ACTIONS, purpose: "look up the VPC and vSwitches of eci-profile" },
  // ACS's RAM service code is assumed to be "acc" (from the policy name AliyunAccFullAccess); not confirmed in a source.
  { id: "acs", systemPolicy: "AliyunAccFullAccess", actions: ["acc:*"], purpose: "schedule pods to ACS compute (pods labelled alibabacloud.com/acs=true)" },
];

/** System policies that grant a need, besides the need's own system policy. */
const BROADER_SYSTEM_POLICIES: Record<string, readonly AddonNeedId[]> = {
  AdministratorAccess: ["eci", "vpc", "acs"],
  AliyunECIFullAccess: ["eci"],
  AliyunVPCReadOnlyAccess: ["vpc"],
  AliyunVPCFullAccess: ["vpc"],
  ReadOnlyAccess: ["vpc"],
  AliyunAccFullAccess: ["acs"],
};

export interface AttachedPolicy {
  policyName: string;
  policyType: "System" | "Custom";
  /** The default version's document (GetPolicy), as JSON text or parsed; needed for custom policies. */
  document?: string | PolicyDocument;
}

export interface NeedCoverage {
  need: AddonNeedId;
  systemPolicy: AddonNeed["systemPolicy"];
  required: boolean;
  satisfied: boolean;
  /** Policy names that grant it. */
  satisfiedBy: string[];
  /** Actions no attached policy allows (empty when satisfied by name). */
  missingActions: string[];
}

export interface CoverageResult {
  /** Every required need is met. */
  complete: boolean;
  /** System policy names of unmet needs (required and optional), for the "attach X" hint. */
  missing: string[];
  needs: NeedCoverage[];
  notes: string[];
}

/**
 * Says which of the add-on's permissions the attached policies cover. A need is met by its system
 * policy (or a broader one such as AdministratorAccess), or by Allow statements whose Action patterns
 * (wildcards like `eci:*`, `vpc:Describe*`) cover all its actions on all resources, unless denied.
 */
export function coversAddonNeeds(attached: readonly AttachedPolicy[], options: { usesAcs?: boolean } = {}): CoverageResult {
  const notes: string[] = [];
  const statements: Array<{ policy: string; statement: PolicyStatement }> = [];
  for (const policy of attached) {
    const doc = readDocument(policy, notes);
    for (const statement of doc?.Statement ?? []) statements.push({ policy: policy.policyName, statement });
  }

  const needs = ADDON_NEEDS.map((need): NeedCoverage => {
    const required = need.id !== "acs" || options.usesAcs === true;
    const byName = attached.filter((p) => p.policyType === "System" && BROADER_SYSTEM_POLICIES[p.policyName]?.includes(need.id)).map((p) => p.policyName);
    const grantedBy = new Set<string>(byName);
    const missingActions: string[] = [];
    for (const action of need.actions) {
      if (byName.length > 0) break;
      const denied = statements.find(
        ({ statement }) => statement.Effect === "Deny" && !statement.Condition && statementMatches(statement, action) && coversAllResources(statement),
      );
      const allowedBy = statements.filter(({ statement }) => statement.Effect === "Allow" && statementMatches(statement, action) && coversAllResources(statement));
      if (denied || allowedBy.length === 0) missingActions.push(action);
      else for (const { policy } of allowedBy) grantedBy.add(policy);
      if (denied) notes.push(`${action} is denied by policy ${denied.policy}`);
    }
    const satisfied = byName.length > 0 || missingActions.length === 0;
    return { need: need.id, systemPolicy: need.systemPolicy, required, satisfied, satisfiedBy: satisfied ? [...grantedBy] : [], missingActions };
  });

  for (const { policy, statement } of statements)
    if (statement.Condition)
      notes.push(
        `Policy ${policy} has ${statement.Effect === "Allow" ? "an Allow" : "a Deny"} statement with a Condition; it is ${statement.Effect === "Allow" ? "counted as granting" : "not evaluated"}, check the condition allows the add-on's calls`,
      );

  return {
    complete: needs.every((n) => !n.required || n.satisfied),
    missing: needs
      .filter((n) => !n.satisfied)
      .sort((a, b) => Number(b.required) - Number(a.required))
      .map((n) => n.systemPolicy),
    needs,
    notes: [...new Set(notes)],
  };
}

function readDocument(policy: AttachedPolicy, notes: string[]): PolicyDocument | undefined {
  if (policy.document === undefined) {
    if (policy.policyType === "Custom") notes.push(`Custom policy ${policy.policyName} was given without its document, so it is not counted`);
    return undefined;
  }
  if (typeof policy.document !== "string") return policy.document;
  try {
    return JSON.parse(policy.document) as PolicyDocument;
  } catch {
    notes.push(`Policy ${policy.policyName} has a document that is not valid JSON, so it is not counted`);
    return undefined;
  }
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function statementMatches(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined) return !list(statement.NotAction).some((p) => actionCovers(p, action));
  return list(statement.Action).some((p) => actionCovers(p, action));
}

/** Only statements on every resource count: the add-on creates ECI instances whose ARNs are not known beforehand. */
function coversAllResources(statement: PolicyStatement): boolean {
  return list(statement.Resource).some((r) => r === "*" || /^acs:[^:]+:\*:\*:\*$/.test(r) || r === "acs:*:*:*:*");
}

/**
 * Whether an Action pattern covers a required action. RAM matches action names case-insensitively, with
 * `*` as a wildcard. A required pattern (e.g. `acc:*`) is covered only by a pattern at least as broad:
 * matching the required pattern's literal text (its `*` included) gives exactly that.
 */
export function actionCovers(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`, "i");
  return re.test(action);
}

const escapeRegExp = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");

/** The per-user policy that limits where an add-on key may be used from (the seed's "trusted networks" warning). */
export const sourceIpPolicyName = (userName: string) => `${userName}-source-ip`.slice(0, 128);

/**
 * Deny everything from outside `cidrs`. A Deny with NotIpAddress on acs:SourceIp restricts the key whatever its Allow
 * policies grant, and being a policy of its own (attached to one user) it never touches the account-wide Allow policy.
 */
export function sourceIpPolicyDocument(cidrs: readonly string[]): PolicyDocument {
  return { Version: "1", Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "acs:SourceIp": [...cidrs] } } }] };
}
