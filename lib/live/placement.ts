import { translatorFor, type Translator } from "@/lib/i18n/translator";
import type { NodeSummary } from "@/lib/node-summary";
import type { PodView } from "./pod-view";

export interface NodeLane {
  node: NodeSummary;
  pods: PodView[];
}

export interface Placement {
  virtual: NodeLane[];
  datacenter: NodeLane[];
  /** Pods the scheduler has not placed yet, or bound to a node the console does not know. */
  unplaced: PodView[];
}

// Plain code-unit order, not localeCompare: Kubernetes names are ASCII, and this runs over thousands of pods per update.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = <T extends { name: string }>(a: T, b: T) => compare(a.name, b.name);
/** Order of a lane's rows: namespace, name, then uid (a total order, so incremental and full grouping agree). */
export const laneOrder = (a: PodView, b: PodView) => compare(a.namespace, b.namespace) || compare(a.name, b.name) || compare(a.uid, b.uid);
/** Order of the pods not placed: name first (then namespace and uid). */
export const unplacedOrder = (a: PodView, b: PodView) => compare(a.name, b.name) || compare(a.namespace, b.namespace) || compare(a.uid, b.uid);

/** Groups pods by node, virtual nodes (ECI) apart from data-center nodes: the Virtual Nodes page's lanes. */
export function groupPlacement(nodes: NodeSummary[], pods: PodView[]): Placement {
  const lanes = new Map(nodes.map((node) => [node.name, { node, pods: [] as PodView[] }]));
  const unplaced: PodView[] = [];
  for (const pod of pods) {
    const lane = pod.nodeName ? lanes.get(pod.nodeName) : undefined;
    if (lane) lane.pods.push(pod);
    else unplaced.push(pod);
  }
  const sorted = [...lanes.values()].sort((a, b) => byName(a.node, b.node));
  for (const lane of sorted) lane.pods.sort(laneOrder);
  return { virtual: sorted.filter((l) => l.node.virtual), datacenter: sorted.filter((l) => !l.node.virtual), unplaced: unplaced.sort(unplacedOrder) };
}

const ENGLISH = translatorFor("en");

/** `key=value,key2!=value2,key3` equality-based label selector, as kubectl -l accepts it (sets are not supported). */
export function parseLabelFilter(text: string, t: Translator = ENGLISH): { ok: true; test: (labels: Record<string, string>) => boolean } | { ok: false; error: string } {
  const terms = text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const checks: ((labels: Record<string, string>) => boolean)[] = [];
  for (const term of terms) {
    const m = /^(!?)([A-Za-z0-9./_-]+)\s*(?:(==|=|!=)\s*([A-Za-z0-9._-]*))?$/.exec(term);
    if (!m) return { ok: false, error: t("live.labelFilter.notATerm", { term }) };
    const [, not, key, op, value] = m;
    if (not && op) return { ok: false, error: t("live.labelFilter.notTakesNoValue", { term }) };
    if (!op) checks.push((l) => (not ? !(key in l) : key in l));
    else if (op === "!=") checks.push((l) => l[key] !== value);
    else checks.push((l) => l[key] === value);
  }
  return { ok: true, test: (labels) => checks.every((check) => check(labels)) };
}
