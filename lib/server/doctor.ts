import "server-only";
import { coversAddonNeeds } from "@/lib/addon";
import { attachedPolicies } from "@/lib/alicloud/ram";
import { callerIdentity } from "@/lib/alicloud/sts";
import { errorSentence, explainError } from "@/lib/errors";
import { currentTranslator } from "@/lib/i18n/locale-context";
import { readAddonWebhook } from "@/lib/k8s/addon-objects";
import { readAddonSecretKeys } from "@/lib/k8s/addon-secret";
import { type CheckStatus, describePrerequisite } from "@/lib/prerequisites";
import { observeAddon } from "./addon";
import { eciRegions } from "./cloud";
import type { ConsoleCluster } from "./clusters";
import { clusterCard } from "./cluster-card";

export interface DoctorCheck {
  id: string;
  label: string;
  status: CheckStatus;
  /** What was found and, when it is not ok, what to do. */
  explanation: string;
}

const said = (error: unknown, ctx: Parameters<typeof explainError>[1] = {}) => errorSentence(explainError(error, ctx));

/** The AccessKey in alibaba-addon-secret proven with STS, and its RAM user's policies against the add-on's needs. */
async function credentialChecks(cluster: ConsoleCluster): Promise<DoctorCheck[]> {
  const secret: DoctorCheck = { id: "addon-secret", label: "alibaba-addon-secret present and valid", status: "unknown", explanation: "" };
  const policies: DoctorCheck = { id: "policies", label: "The add-on's RAM policies attached", status: "unknown", explanation: "" };
  let keys: Awaited<ReturnType<typeof readAddonSecretKeys>>;
  try {
    keys = await readAddonSecretKeys(cluster.id);
  } catch (error) {
    secret.explanation = `Could not read kube-system/alibaba-addon-secret: ${said(error, { action: "get secrets", resource: "kube-system/alibaba-addon-secret" })}`;
    policies.explanation = "Unknown until the Secret can be read.";
    return [secret, policies];
  }
  if (!keys) {
    secret.status = "fail";
    secret.explanation = "kube-system/alibaba-addon-secret is missing or incomplete: run `vnode ram-user grant --addon ack-virtual-node`.";
    policies.explanation = "Unknown until the Secret holds an AccessKey.";
    return [secret, policies];
  }
  let owner: string | undefined;
  try {
    const identity = await callerIdentity(keys);
    owner = identity.userName;
    secret.status = "ok";
    secret.explanation = owner ? `Its AccessKey belongs to RAM user ${owner}.` : `Its AccessKey is valid (${identity.identityType}).`;
  } catch (error) {
    secret.status = "fail";
    secret.explanation = `Its AccessKey is rejected: ${said(error, { principal: "addon", action: "sts:GetCallerIdentity" })} Grant again: \`vnode ram-user grant --addon ack-virtual-node --rotate\`.`;
    policies.explanation = "Unknown until the Secret holds a valid AccessKey.";
    return [secret, policies];
  }
  if (!owner) {
    policies.explanation = "The key's owner is not a RAM user, so its permissions cannot be checked.";
    return [secret, policies];
  }
  try {
    const coverage = coversAddonNeeds(
      (await attachedPolicies(owner)).map((p) => ({ policyName: p.policyName, policyType: p.policyType as "System" | "Custom", document: p.document })),
    );
    policies.status = coverage.complete ? "ok" : "fail";
    policies.explanation = coverage.complete
      ? `${owner}'s policies cover what ack-virtual-node needs.`
      : `${owner} lacks permissions: attach ${coverage.missing.join(", ")}, or run \`vnode ram-user grant --addon ack-virtual-node\`.`;
  } catch (error) {
    policies.explanation = `Could not list ${owner}'s policies: ${said(error, { action: "ram:ListPoliciesForUser" })}`;
  }
  return [secret, policies];
}

/** The add-on's vk-webhook: without it labelled pods and namespaces stay on data-center nodes. */
async function webhookCheck(cluster: ConsoleCluster): Promise<DoctorCheck> {
  const check: DoctorCheck = { id: "webhook", label: "vk-webhook registered", status: "unknown", explanation: "" };
  try {
    const webhook = await readAddonWebhook(cluster.id);
    check.status = webhook && webhook.webhooks > 0 ? "ok" : "fail";
    check.explanation =
      check.status === "ok"
        ? `MutatingWebhookConfiguration vk-webhook sends pods labelled alibabacloud.com/eci=true to virtual nodes${webhook?.service ? ` (service ${webhook.service})` : ""}.`
        : "MutatingWebhookConfiguration vk-webhook is missing, so labelled pods and namespaces are not sent to virtual nodes: install ack-virtual-node again (`vnode addon install ack-virtual-node`).";
  } catch (error) {
    check.explanation = `Could not read MutatingWebhookConfiguration vk-webhook: ${said(error, { action: "get mutatingwebhookconfigurations" })}`;
  }
  return check;
}

/** The seed's prerequisites and the add-on's health for one context, each with what to do when it is not ok. */
export async function runDoctor(cluster: ConsoleCluster): Promise<DoctorCheck[]> {
  const regions = await eciRegions().catch(() => undefined);
  const card = await clusterCard(cluster, regions);
  const checks: DoctorCheck[] = [];
  if (card.unreachable) {
    checks.push({ id: "reachable", label: "Cluster reachable", status: "fail", explanation: `${card.unreachable.title}. ${card.unreachable.whatToDo}` });
  }
  checks.push(...card.checks.map((c) => describePrerequisite(c, currentTranslator())));
  if (!card.probe.reachable) return checks;
  checks.push(...(await credentialChecks(cluster)));
  const status = await observeAddon(cluster.id);
  if (status) {
    const { state } = status;
    const installed = state.phase === "installed";
    checks.push({
      id: "addon",
      label: "ack-virtual-node installed",
      status: installed || state.phase === "degraded" ? "ok" : state.phase === "installing" ? "unknown" : "fail",
      explanation:
        installed || state.phase === "degraded"
          ? `Installed${"version" in state && state.version ? `, version ${state.version}` : ""}.`
          : `${state.phase}. ${state.reason ? `${state.reason}. ` : ""}${state.nextStep ?? "Run `vnode addon install ack-virtual-node`."}`,
    });
    if (installed || state.phase === "degraded") checks.push(await webhookCheck(cluster));
    const nodes = status.virtualNodes;
    const notReady = nodes.filter((n) => !n.ready);
    checks.push({
      id: "virtual-nodes",
      label: "Virtual nodes Ready",
      status: nodes.length > 0 && notReady.length === 0 ? "ok" : "fail",
      explanation:
        nodes.length === 0
          ? "No virtual node: install ack-virtual-node and check its controller (`vnode addon status ack-virtual-node`)."
          : notReady.length === 0
            ? `${nodes.map((n) => n.name).join(", ")} Ready.`
            : `${notReady.map((n) => `${n.name} NotReady${n.message ? ` (${n.message})` : ""}`).join("; ")}. See \`vnode addon status ack-virtual-node\` for the controller's warnings; a rejected AccessKey is replaced with \`vnode ram-user grant --addon ack-virtual-node --rotate\`.`,
    });
  }
  return checks;
}
