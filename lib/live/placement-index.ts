import type { NodeSummary } from "@/lib/node-summary";
import type { ChangeLog } from "./change-log";
import { groupPlacement, laneOrder, type NodeLane, type Placement, unplacedOrder } from "./placement";
import type { PodView } from "./pod-view";

/** The pods of a live list as the index reads them: updated in place, with the log of which uids changed. */
export interface PodList {
  byUid: Record<string, PodView>;
  changes?: ChangeLog;
}

/** First index in sorted `items` whose item is not before `item`. */
function lowerBound(items: PodView[], item: PodView, order: (a: PodView, b: PodView) => number) {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order(items[mid], item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const UNPLACED = "";

/**
 * groupPlacement kept up to date batch by batch: a batch of changes costs the lanes it touches (a binary search and a
 * copy of each touched lane), not a regroup of every pod — at 10,000 pods and 20 tabs that regroup was most of each
 * tab's work per batch. Lanes no change touched stay the same objects, so their cards do not render again. A node
 * whose status changed only gets its lane a new header. Anything the log cannot tell (a new snapshot, nodes added or
 * removed, another filter, a reader too far behind) regroups from scratch.
 */
export class PlacementIndex {
  private nodes?: NodeSummary[];
  private accept?: (pod: PodView) => boolean;
  private log?: ChangeLog;
  private version = 0;
  private result?: Placement;
  /** Pods as last grouped, by uid: where each one sits now (the list itself is already updated in place). */
  private placed = new Map<string, PodView>();
  private laneByNode = new Map<string, NodeLane>();

  place(nodes: NodeSummary[], list: PodList, accept: (pod: PodView) => boolean): Placement {
    // A node's status changed (101 simulated kubelets report all the time): new node objects, the same lanes.
    if (this.result && nodes !== this.nodes && accept === this.accept && list.changes && list.changes === this.log && this.sameLanes(nodes)) this.renode(nodes);
    const fresh = !this.result || nodes !== this.nodes || accept !== this.accept || !list.changes || list.changes !== this.log;
    const changed = fresh ? undefined : list.changes?.since(this.version);
    if (!changed) return this.regroup(nodes, list, accept);
    this.version = list.changes!.version;
    return this.apply(list, changed);
  }

  private regroup(nodes: NodeSummary[], list: PodList, accept: (pod: PodView) => boolean): Placement {
    this.nodes = nodes;
    this.accept = accept;
    this.log = list.changes;
    this.version = list.changes?.version ?? 0;
    this.placed.clear();
    const pods: PodView[] = [];
    for (const uid in list.byUid) {
      const pod = list.byUid[uid];
      if (!accept(pod)) continue;
      pods.push(pod);
      this.placed.set(uid, pod);
    }
    this.result = groupPlacement(nodes, pods);
    this.laneByNode = new Map([...this.result.virtual, ...this.result.datacenter].map((lane) => [lane.node.name, lane]));
    return this.result;
  }

  /** Whether `nodes` are the nodes grouped last (names and kinds), so only lane headers need the new objects. */
  private sameLanes(nodes: NodeSummary[]) {
    if (nodes.length !== this.nodes?.length) return false;
    return nodes.every((node) => this.laneByNode.get(node.name)?.node.virtual === node.virtual);
  }

  /** Lanes of the nodes that changed get the new node object (their pods stay the same array); the others stay. */
  private renode(nodes: NodeSummary[]) {
    const previous = this.result!;
    let virtualTouched = false;
    let datacenterTouched = false;
    for (const node of nodes) {
      const lane = this.laneByNode.get(node.name)!;
      if (lane.node === node) continue;
      this.laneByNode.set(node.name, { node, pods: lane.pods });
      if (node.virtual) virtualTouched = true;
      else datacenterTouched = true;
    }
    this.nodes = nodes;
    if (!virtualTouched && !datacenterTouched) return;
    const current = (lanes: NodeLane[]) => lanes.map((lane) => this.laneByNode.get(lane.node.name)!);
    this.result = {
      virtual: virtualTouched ? current(previous.virtual) : previous.virtual,
      datacenter: datacenterTouched ? current(previous.datacenter) : previous.datacenter,
      unplaced: previous.unplaced,
    };
  }

  private laneOf(pod: PodView): string {
    return pod.nodeName && this.laneByNode.has(pod.nodeName) ? pod.nodeName : UNPLACED;
  }

  private apply(list: PodList, uids: string[]): Placement {
    const previous = this.result!;
    // Touched lanes get a copy of their pods once per batch; the copies are then changed in place.
    const copies = new Map<string, PodView[]>();
    const podsOf = (lane: string) => {
      let pods = copies.get(lane);
      if (!pods) {
        pods = [...(lane === UNPLACED ? previous.unplaced : this.laneByNode.get(lane)!.pods)];
        copies.set(lane, pods);
      }
      return pods;
    };
    for (const uid of uids) {
      const before = this.placed.get(uid);
      const current = list.byUid[uid];
      const after = current && this.accept!(current) ? current : undefined;
      if (before === after) continue;
      if (before) {
        const lane = this.laneOf(before);
        const order = lane === UNPLACED ? unplacedOrder : laneOrder;
        const pods = podsOf(lane);
        const at = lowerBound(pods, before, order);
        if (pods[at] === before) pods.splice(at, 1);
        this.placed.delete(uid);
      }
      if (after) {
        const lane = this.laneOf(after);
        const order = lane === UNPLACED ? unplacedOrder : laneOrder;
        const pods = podsOf(lane);
        pods.splice(lowerBound(pods, after, order), 0, after);
        this.placed.set(uid, after);
      }
    }
    if (copies.size === 0) return previous;
    let virtualTouched = false;
    let datacenterTouched = false;
    for (const [name, pods] of copies) {
      if (name === UNPLACED) continue;
      const lane = { node: this.laneByNode.get(name)!.node, pods };
      this.laneByNode.set(name, lane);
      if (lane.node.virtual) virtualTouched = true;
      else datacenterTouched = true;
    }
    const current = (lanes: NodeLane[]) => lanes.map((lane) => this.laneByNode.get(lane.node.name)!);
    this.result = {
      virtual: virtualTouched ? current(previous.virtual) : previous.virtual,
      datacenter: datacenterTouched ? current(previous.datacenter) : previous.datacenter,
      unplaced: copies.get(UNPLACED) ?? previous.unplaced,
    };
    return this.result;
  }
}
