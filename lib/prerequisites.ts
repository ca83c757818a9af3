/** The seed's prerequisites for ack-virtual-node, checked from what the console can observe. */
export type CheckStatus = "ok" | "fail" | "unknown";

export interface PrerequisiteCheck {
  id: "kubernetes-version" | "eci-region" | "mutating-admission" | "registered-cluster";
  label: string;
  status: CheckStatus;
  explanation: string;
}

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
  return [
    {
      id: "kubernetes-version",
      label: "Kubernetes 1.14 or later",
      status: !input.reachable ? "unknown" : versionOk ? "ok" : "fail",
      explanation: !input.reachable
        ? "The cluster did not answer, so its version is unknown."
        : versionOk
          ? `The cluster runs ${input.gitVersion}.`
          : `The cluster runs ${input.gitVersion ?? "an unknown version"}; ack-virtual-node needs 1.14 or later. Upgrade the cluster first.`,
    },
    {
      id: "eci-region",
      label: "Region supported by Elastic Container Instance",
      status: !region || !input.eciRegions ? "unknown" : input.eciRegions.includes(region) ? "ok" : "fail",
      explanation: !region
        ? "The cluster's region is unknown: link it to its ACK registered cluster, or label its nodes with topology.kubernetes.io/region."
        : !input.eciRegions
          ? `Region ${region}: configure Alibaba Cloud credentials so the console can ask ECI which regions it serves.`
          : input.eciRegions.includes(region)
            ? `ECI is available in ${region}.`
            : `ECI is not offered in ${region}. Virtual nodes cannot start there; ECI serves ${input.eciRegions.join(", ")}.`,
    },
    {
      id: "mutating-admission",
      label: "Mutating admission webhooks enabled",
      status: !input.reachable ? "unknown" : input.mutatingWebhooksServed ? "ok" : "fail",
      explanation: !input.reachable
        ? "The cluster did not answer."
        : input.mutatingWebhooksServed
          ? "The apiserver serves admissionregistration.k8s.io/v1, which the add-on's vk-webhook uses to place pods."
          : "The apiserver does not serve MutatingWebhookConfiguration: enable the MutatingAdmissionWebhook admission plugin (kube-apiserver --enable-admission-plugins).",
    },
    {
      id: "registered-cluster",
      label: "Linked to an ACK One registered cluster",
      status: input.link ? "ok" : "fail",
      explanation: input.link
        ? `Linked to registered cluster ${input.link.ackClusterId} in ${input.link.regionId}.`
        : "Link this cluster to its ACK One registered cluster (cluster ID and region) so add-ons can be installed.",
    },
  ];
}
