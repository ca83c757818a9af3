// Keeps MutatingWebhookConfiguration vk-webhook pointing at the webhook server, with the eci-profile selectors in
// it (S-prof: "selectors appear in mutatingwebhookconfiguration/vk-webhook"), as the real controller patches it at
// run time (its ClusterRole may patch vk-webhook).
import { AdmissionregistrationV1Api, type KubeConfig, type V1MutatingWebhook, type V1MutatingWebhookConfiguration } from "@kubernetes/client-node";
import { ECI_LABEL, WEBHOOK_CONFIG } from "./constants";
import type { EciSelector } from "./eci-profile";
import { selectsPods } from "./selectors";

const dnsLabel = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "selector";

/**
 * One webhook for pods labelled alibabacloud.com/eci=true, one for namespaces labelled so (the names the add-on
 * install uses), and one per eci-profile selector that selects pods. A pod matched by several is sent several
 * times; the mutation is idempotent. The 2021 default selectors on `eci=true` are not implied (§3.2 [?]).
 * failurePolicy Ignore (as installed): a controller that is down never blocks pod creation.
 */
export function desiredWebhooks(url: string, caBundle: string, selectors: EciSelector[]): V1MutatingWebhook[] {
  const base = (name: string, sel: Pick<V1MutatingWebhook, "namespaceSelector" | "objectSelector">, match: string): V1MutatingWebhook => ({
    name,
    admissionReviewVersions: ["v1"],
    sideEffects: "None",
    failurePolicy: "Ignore",
    timeoutSeconds: 5,
    reinvocationPolicy: "Never",
    // The path names the entry, so the server knows which selectors the apiserver matched (see webhookMatch).
    clientConfig: { url: `${url}/${match}`, caBundle },
    rules: [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"], scope: "Namespaced" }],
    namespaceSelector: sel.namespaceSelector ?? {},
    objectSelector: sel.objectSelector ?? {},
  });
  const eci = { matchLabels: { [ECI_LABEL.key]: ECI_LABEL.value } };
  return [
    base("vk-webhook-pod.eci.aliyun.com", { objectSelector: eci }, "label"),
    base("vk-webhook-ns.eci.aliyun.com", { namespaceSelector: eci }, "label"),
    ...selectors.flatMap((s, i) => (selectsPods(s) ? [base(`vk-webhook-selector-${i}-${dnsLabel(s.name)}.eci.aliyun.com`, s, `selector/${i}`)] : [])),
  ];
}

const essence = (w: V1MutatingWebhook[]) =>
  JSON.stringify(
    w.map((x) => [
      x.name,
      x.clientConfig.url,
      x.clientConfig.caBundle,
      x.failurePolicy,
      x.namespaceSelector?.matchLabels ?? {},
      x.objectSelector?.matchLabels ?? {},
      x.namespaceSelector?.matchExpressions ?? [],
      x.objectSelector?.matchExpressions ?? [],
    ]),
  );

/**
 * Rewrites vk-webhook's webhooks when they differ. The configuration is only patched, never created: the add-on
 * install creates it, and an uninstall that deletes it must not see it come back while the controller winds down.
 */
export async function reconcileWebhookConfig(kubeConfig: KubeConfig, current: V1MutatingWebhookConfiguration | undefined, desired: V1MutatingWebhook[]) {
  if (!current || current.metadata?.deletionTimestamp) return false;
  if (essence(current.webhooks ?? []) === essence(desired)) return false;
  const api = kubeConfig.makeApiClient(AdmissionregistrationV1Api);
  await api.replaceMutatingWebhookConfiguration({ name: WEBHOOK_CONFIG, body: { ...current, webhooks: desired } });
  return true;
}
