import "server-only";
import { coversAddonNeeds } from "@/lib/addon";
import { attachedPolicies } from "@/lib/alicloud/ram";
import { callerIdentity } from "@/lib/alicloud/sts";
import { errorSentence, explainError } from "@/lib/errors";
import { currentTranslator } from "@/lib/i18n/locale-context";
import type { Translator } from "@/lib/i18n/translator";
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
async function credentialChecks(cluster: ConsoleCluster, t: Translator): Promise<DoctorCheck[]> {
  const secret: DoctorCheck = { id: "addon-secret", label: t("server.doctor.secret.label"), status: "unknown", explanation: "" };
  const policies: DoctorCheck = { id: "policies", label: t("server.doctor.policies.label"), status: "unknown", explanation: "" };
  let keys: Awaited<ReturnType<typeof readAddonSecretKeys>>;
  try {
    keys = await readAddonSecretKeys(cluster.id);
  } catch (error) {
    secret.explanation = t("server.doctor.secret.unread", { error: said(error, { action: "get secrets", resource: "kube-system/alibaba-addon-secret" }) });
    policies.explanation = t("server.doctor.policies.unknownUnread");
    return [secret, policies];
  }
  if (!keys) {
    secret.status = "fail";
    secret.explanation = t("server.doctor.secret.missing");
    policies.explanation = t("server.doctor.policies.unknownMissing");
    return [secret, policies];
  }
  let owner: string | undefined;
  try {
    const identity = await callerIdentity(keys);
    owner = identity.userName;
    secret.status = "ok";
    secret.explanation = owner ? t("server.doctor.secret.owner", { owner }) : t("server.doctor.secret.valid", { identityType: identity.identityType });
  } catch (error) {
    secret.status = "fail";
    secret.explanation = t("server.doctor.secret.rejected", { error: said(error, { principal: "addon", action: "sts:GetCallerIdentity" }) });
    policies.explanation = t("server.doctor.policies.unknownInvalid");
    return [secret, policies];
  }
  if (!owner) {
    policies.explanation = t("server.doctor.policies.notRamUser");
    return [secret, policies];
  }
  try {
    const coverage = coversAddonNeeds(
      (await attachedPolicies(owner)).map((p) => ({ policyName: p.policyName, policyType: p.policyType as "System" | "Custom", document: p.document })),
    );
    policies.status = coverage.complete ? "ok" : "fail";
    policies.explanation = coverage.complete
      ? t("server.doctor.policies.covered", { owner })
      : t("server.doctor.policies.lacking", { owner, missing: coverage.missing.join(", ") });
  } catch (error) {
    policies.explanation = t("server.doctor.policies.unlisted", { owner, error: said(error, { action: "ram:ListPoliciesForUser" }) });
  }
  return [secret, policies];
}

/** The add-on's vk-webhook: without it labelled pods and namespaces stay on data-center nodes. */
async function webhookCheck(cluster: ConsoleCluster, t: Translator): Promise<DoctorCheck> {
  const check: DoctorCheck = { id: "webhook", label: t("server.doctor.webhook.label"), status: "unknown", explanation: "" };
  try {
    const webhook = await readAddonWebhook(cluster.id);
    check.status = webhook && webhook.webhooks > 0 ? "ok" : "fail";
    check.explanation =
      check.status === "ok"
        ? webhook?.service
          ? t("server.doctor.webhook.okService", { service: webhook.service })
          : t("server.doctor.webhook.ok")
        : t("server.doctor.webhook.missing");
  } catch (error) {
    check.explanation = t("server.doctor.webhook.unread", { error: said(error, { action: "get mutatingwebhookconfigurations" }) });
  }
  return check;
}

/** The seed's prerequisites and the add-on's health for one context, each with what to do when it is not ok. */
export async function runDoctor(cluster: ConsoleCluster): Promise<DoctorCheck[]> {
  const t = currentTranslator();
  const regions = await eciRegions().catch(() => undefined);
  const card = await clusterCard(cluster, regions);
  const checks: DoctorCheck[] = [];
  if (card.unreachable) {
    checks.push({ id: "reachable", label: t("server.doctor.reachable"), status: "fail", explanation: errorSentence(card.unreachable) });
  }
  checks.push(...card.checks.map((c) => describePrerequisite(c, t)));
  if (!card.probe.reachable) return checks;
  checks.push(...(await credentialChecks(cluster, t)));
  const status = await observeAddon(cluster.id);
  if (status) {
    const { state } = status;
    const installed = state.phase === "installed";
    checks.push({
      id: "addon",
      label: t("server.doctor.addon.label"),
      status: installed || state.phase === "degraded" ? "ok" : state.phase === "installing" ? "unknown" : "fail",
      explanation:
        installed || state.phase === "degraded"
          ? "version" in state && state.version
            ? t("server.doctor.addon.installedVersion", { version: state.version })
            : t("server.doctor.addon.installed")
          : `${state.phase}. ${state.reason ? `${state.reason}. ` : ""}${state.nextStep ?? t("server.doctor.addon.install")}`,
    });
    if (installed || state.phase === "degraded") checks.push(await webhookCheck(cluster, t));
    const nodes = status.virtualNodes;
    const notReady = nodes.filter((n) => !n.ready);
    checks.push({
      id: "virtual-nodes",
      label: t("server.doctor.nodes.label"),
      status: nodes.length > 0 && notReady.length === 0 ? "ok" : "fail",
      explanation:
        nodes.length === 0
          ? t("server.doctor.nodes.none")
          : notReady.length === 0
            ? t("server.doctor.nodes.ready", { names: nodes.map((n) => n.name).join(", ") })
            : t("server.doctor.nodes.notReady", { nodes: notReady.map((n) => `${n.name} NotReady${n.message ? ` (${n.message})` : ""}`).join("; ") }),
    });
  }
  return checks;
}
