// Which pods go to ECI, and what they get on the way (§3.1, §3.2). Pure functions: the webhook server and the
// MutatingWebhookConfiguration are built from them.
import type { V1Pod, V1Toleration } from "@kubernetes/client-node";
import { ECI_LABEL, NODE_PREFIX, VIRTUAL_NODE_LABEL, VIRTUAL_NODE_TAINT } from "./constants";
import type { EciSelector } from "./eci-profile";

type Labels = Record<string, string> | undefined;

const matches = (selector: { matchLabels: Record<string, string> } | undefined, labels: Labels) =>
  !selector || Object.entries(selector.matchLabels).every(([k, v]) => labels?.[k] === v);

/** A selector that names neither a namespace nor a pod selector only adds its effect to pods already going to ECI. */
export const selectsPods = (s: EciSelector) => Boolean(s.namespaceSelector || s.objectSelector);

/** Both selectors, when set, must match; within matchLabels every label must match (AND). */
export function selectorMatches(s: EciSelector, podLabels: Labels, namespaceLabels: Labels) {
  return selectsPods(s) && matches(s.namespaceSelector, namespaceLabels) && matches(s.objectSelector, podLabels);
}

export function goesToEci(pod: V1Pod, namespaceLabels: Labels, selectors: EciSelector[]) {
  const labels = pod.metadata?.labels;
  return labels?.[ECI_LABEL.key] === ECI_LABEL.value || namespaceLabels?.[ECI_LABEL.key] === ECI_LABEL.value || selectors.some((s) => selectorMatches(s, labels, namespaceLabels));
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const tolerates = (t: V1Toleration) =>
  (t.key === VIRTUAL_NODE_TAINT.key || (t.key === undefined && t.operator === "Exists")) && (!t.effect || t.effect === VIRTUAL_NODE_TAINT.effect);

/**
 * Which vk-webhook entry the apiserver called (it evaluated that entry's selectors at admission time, so the pod is
 * for ECI whatever our namespace cache says): "label" for the pod/namespace label entries, or a selector's index.
 */
export type WebhookMatch = "label" | number;

export type JsonPatch = { op: "add"; path: string; value: unknown }[];

/**
 * The JSON patch vk-webhook returns for a pod, or [] to leave it untouched.
 *
 * What the real webhook injects is undocumented (§3.1, §8.3). Chosen here, as the brief asks: nodeSelector
 * `type=virtual-kubelet` (the method supported since v2.0.0.110) and the toleration
 * `virtual-kubelet.io/provider Exists NoSchedule`. Everything only adds: an existing nodeSelector `type`, an existing
 * toleration, label or annotation wins. Selector effects apply in selector order, the first one to set a key wins.
 * Not mutated: pods already bound to a non-virtual node (`spec.nodeName`) and DaemonSet pods (ECI runs no DaemonSets).
 */
export function mutationFor(pod: V1Pod, namespaceLabels: Labels, selectors: EciSelector[], matched?: WebhookMatch): JsonPatch {
  if (matched === undefined && !goesToEci(pod, namespaceLabels, selectors)) return [];
  const nodeName = pod.spec?.nodeName;
  if (nodeName && !nodeName.startsWith(`${NODE_PREFIX}-`)) return [];
  if (pod.metadata?.ownerReferences?.some((o) => o.kind === "DaemonSet")) return [];

  const patch: JsonPatch = [];
  const nodeSelector = pod.spec?.nodeSelector;
  if (!nodeSelector) patch.push({ op: "add", path: "/spec/nodeSelector", value: { [VIRTUAL_NODE_LABEL.key]: VIRTUAL_NODE_LABEL.value } });
  else if (!(VIRTUAL_NODE_LABEL.key in nodeSelector))
    patch.push({ op: "add", path: `/spec/nodeSelector/${escapePointer(VIRTUAL_NODE_LABEL.key)}`, value: VIRTUAL_NODE_LABEL.value });
  const toleration = { key: VIRTUAL_NODE_TAINT.key, operator: "Exists", effect: VIRTUAL_NODE_TAINT.effect };
  const tolerations = pod.spec?.tolerations;
  if (!tolerations) patch.push({ op: "add", path: "/spec/tolerations", value: [toleration] });
  else if (!tolerations.some(tolerates)) patch.push({ op: "add", path: "/spec/tolerations/-", value: toleration });

  const podLabels = pod.metadata?.labels;
  const effects = selectors.filter((s, i) => !selectsPods(s) || matched === i || selectorMatches(s, podLabels, namespaceLabels));
  for (const field of ["labels", "annotations"] as const) {
    const existing = pod.metadata?.[field];
    const added: Record<string, string> = {};
    for (const s of effects) for (const [k, v] of Object.entries(s.effect?.[field] ?? {})) if (!(existing && k in existing) && !(k in added)) added[k] = v;
    if (Object.keys(added).length === 0) continue;
    if (!existing) patch.push({ op: "add", path: `/metadata/${field}`, value: added });
    else for (const [k, v] of Object.entries(added)) patch.push({ op: "add", path: `/metadata/${field}/${escapePointer(k)}`, value: v });
  }
  return patch;
}
