/** The seed's prerequisites for ack-virtual-node, checked from what the console can observe. */
import type { Translator } from "@/lib/i18n/translator";

export type CheckStatus = "ok" | "fail" | "unknown";

/** Catalogue keys under clusters.prerequisites.explain: the page words each check in the reader's language. */
export type PrerequisiteExplanation =
  | "versionUnreachable"
  | "versionOk"
  | "versionOld"
  | "versionOldUnknown"
  | "regionUnknown"
  | "regionNoCredentials"
  | "regionOk"
  | "regionUnsupported"
  | "admissionUnreachable"
  | "admissionOk"
  | "admissionMissing"
  | "linkOk"
  | "linkMissing";

export interface PrerequisiteCheck {
  id: "kubernetes-version" | "eci-region" | "mutating-admission" | "registered-cluster";
  status: CheckStatus;
  /** Why, as a catalogue key and the values its message takes. */
  explanation: { key: PrerequisiteExplanation; values?: Record<string, string> };
}

/** The catalogue key (under clusters.prerequisites.label) naming each check. */
export const PREREQUISITE_LABEL = {
  "kubernetes-version": "kubernetesVersion",
  "eci-region": "eciRegion",
  "mutating-admission": "mutatingAdmission",
  "registered-cluster": "registeredCluster",
} as const;

export interface PrerequisiteInput {
  reachable: boolean;
  major?: number;
  minor?: number;
  gitVersion?: string;
  region?: string;
  /** Regions where ECI is offered (ECI DescribeRegions); undefined when no cloud credentials are configured. */
  eciRegions?: string[];
  mutatingWebhooksServed: boolean;
  link?: { ackClusterId: string; regionId: string };
}

export function checkPrerequisites(input: PrerequisiteInput): PrerequisiteCheck[] {
  const region = input.link?.regionId ?? input.region;
  const versionOk = input.major !== undefined && input.minor !== undefined && (input.major > 1 || (input.major === 1 && input.minor >= 14));
  const version = input.gitVersion ? { version: input.gitVersion } : undefined;
  return [
    {
      id: "kubernetes-version",
      status: !input.reachable ? "unknown" : versionOk ? "ok" : "fail",
      explanation: !input.reachable
        ? { key: "versionUnreachable" }
        : versionOk
          ? { key: "versionOk", values: { version: input.gitVersion ?? "" } }
          : version
            ? { key: "versionOld", values: version }
            : { key: "versionOldUnknown" },
    },
    {
      id: "eci-region",
      status: !region || !input.eciRegions ? "unknown" : input.eciRegions.includes(region) ? "ok" : "fail",
      explanation: !region
        ? { key: "regionUnknown" }
        : !input.eciRegions
          ? { key: "regionNoCredentials", values: { region } }
          : input.eciRegions.includes(region)
            ? { key: "regionOk", values: { region } }
            : { key: "regionUnsupported", values: { region, regions: input.eciRegions.join(", ") } },
    },
    {
      id: "mutating-admission",
      status: !input.reachable ? "unknown" : input.mutatingWebhooksServed ? "ok" : "fail",
      explanation: !input.reachable ? { key: "admissionUnreachable" } : input.mutatingWebhooksServed ? { key: "admissionOk" } : { key: "admissionMissing" },
    },
    {
      id: "registered-cluster",
      status: input.link ? "ok" : "fail",
      explanation: input.link ? { key: "linkOk", values: { clusterId: input.link.ackClusterId, region: input.link.regionId } } : { key: "linkMissing" },
    },
  ];
}

/** A check in words (the CLI's doctor): its name and explanation in the language of `t`. */
export function describePrerequisite(check: PrerequisiteCheck, t: Translator): { id: string; label: string; status: CheckStatus; explanation: string } {
  return {
    id: check.id,
    status: check.status,
    label: t(`clusters.prerequisites.label.${PREREQUISITE_LABEL[check.id]}`),
    explanation: t(`clusters.prerequisites.explain.${check.explanation.key}`, check.explanation.values),
  };
}
