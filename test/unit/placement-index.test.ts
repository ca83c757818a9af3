import { describe, expect, it } from "vitest";
import { ChangeLog } from "@/lib/live/change-log";
import { groupPlacement, type Placement } from "@/lib/live/placement";
import { PlacementIndex, type PodList } from "@/lib/live/placement-index";
import type { PodView } from "@/lib/live/pod-view";
import { nodeSummary as node, podView as pod } from "../support/live-views";

/** A small seeded generator (mulberry32): every run tries the same sequences, and a failure names its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: T[]) => items[Math.floor(next() * items.length)] };
}

const NODES = [node("virtual-kubelet-a", true), node("virtual-kubelet-b", true), node("dc-1", false), node("dc-2", false), node("dc-3", false)];
const NODE_NAMES = [...NODES.map((n) => n.name), "gone-node", undefined];

/** Lanes as plain data: node name and pod uids in order. */
const shape = (p: Placement) => ({
  virtual: p.virtual.map((l) => [l.node.name, l.pods.map((pod) => pod.uid)]),
  datacenter: p.datacenter.map((l) => [l.node.name, l.pods.map((pod) => pod.uid)]),
  unplaced: p.unplaced.map((pod) => pod.uid),
});

/** Applies a batch as the live stream provider does: in place, then logged. */
function applyBatch(list: PodList, batch: { type: "DELETED" | "MODIFIED"; pod: PodView }[]) {
  for (const change of batch) {
    if (change.type === "DELETED") delete list.byUid[change.pod.uid];
    else list.byUid[change.pod.uid] = change.pod;
  }
  list.changes!.record(batch.map((c) => c.pod.uid));
}

describe("PlacementIndex", () => {
  it("gives the same lanes as grouping every pod anew, over random event sequences", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = random(seed);
      // Few names and namespaces: equal names in a lane (same name, other uid) happen, and the order must still agree.
      const makePod = (uid: string): PodView =>
        pod(`pod-${rnd.int(6)}`, rnd.pick(NODE_NAMES), {
          uid,
          namespace: rnd.pick(["a-lat", "b-eci", "default"]),
          status: rnd.pick(["Pending", "Running"]),
          labels: { app: rnd.pick(["web", "db"]) },
        });
      const list: PodList = { byUid: {}, changes: new ChangeLog(rnd.pick([8, 40, 20_000])) };
      for (let i = 0; i < rnd.int(30); i++) list.byUid[`u${i}`] = makePod(`u${i}`);
      const filters = [() => true, (p: PodView) => p.labels.app === "web", (p: PodView) => p.namespace === "b-eci"];
      let accept = filters[0];
      let nodes = NODES;
      const index = new PlacementIndex();
      let uidCount = 40;
      for (let step = 0; step < 80; step++) {
        const batch = Array.from({ length: 1 + rnd.int(6) }, () => {
          const uids = Object.keys(list.byUid);
          const r = rnd.next();
          if (r < 0.3 || uids.length === 0) return { type: "MODIFIED" as const, pod: makePod(`u${uidCount++}`) };
          const uid = rnd.pick(uids);
          return r < 0.5 ? { type: "DELETED" as const, pod: list.byUid[uid] } : { type: "MODIFIED" as const, pod: { ...makePod(uid), uid } };
        });
        applyBatch(list, batch);
        // Readers skip renders sometimes, change the filter or see new nodes.
        if (rnd.next() < 0.05) accept = rnd.pick(filters);
        if (rnd.next() < 0.03) nodes = [...NODES];
        if (rnd.next() < 0.05) nodes = nodes.map((n) => (rnd.next() < 0.5 ? { ...n, ready: rnd.pick(["Ready", "NotReady"]) } : n));
        if (rnd.next() < 0.3) continue;
        const expected = groupPlacement(nodes, Object.values(list.byUid).filter(accept));
        const placed = index.place(nodes, list, accept);
        expect(shape(placed), `seed ${seed}, step ${step}`).toEqual(shape(expected));
        for (const lane of [...placed.virtual, ...placed.datacenter]) expect(lane.node).toBe(nodes.find((n) => n.name === lane.node.name));
      }
    }
  });

  it("keeps lanes no change touched as the same objects, and the same placement when nothing it shows changed", () => {
    const list: PodList = { byUid: { a: pod("a", "dc-1"), b: pod("b", "dc-2"), v: pod("v", "virtual-kubelet-a") }, changes: new ChangeLog() };
    const index = new PlacementIndex();
    const all = () => true;
    const first = index.place(NODES, list, all);
    applyBatch(list, [{ type: "MODIFIED", pod: { ...pod("a", "dc-1"), status: "Terminating" } }]);
    const second = index.place(NODES, list, all);
    expect(second.datacenter[0]).not.toBe(first.datacenter[0]);
    expect(second.datacenter[0].pods[0].status).toBe("Terminating");
    expect(second.datacenter[1]).toBe(first.datacenter[1]);
    expect(second.virtual).toBe(first.virtual);
    expect(index.place(NODES, list, all)).toBe(second);
  });

  it("a node's new status gives its lane the new node, without regrouping: other lanes and the pods stay the same objects", () => {
    const list: PodList = { byUid: { a: pod("a", "dc-1"), b: pod("b", "dc-2"), v: pod("v", "virtual-kubelet-a") }, changes: new ChangeLog() };
    const index = new PlacementIndex();
    const all = () => true;
    const first = index.place(NODES, list, all);
    const notReady = { ...NODES[2], ready: "NotReady" as const };
    const nodes = NODES.map((n) => (n.name === "dc-1" ? notReady : n));
    applyBatch(list, [{ type: "MODIFIED", pod: { ...pod("b", "dc-2"), status: "Terminating" } }]);
    const second = index.place(nodes, list, all);
    expect(second.datacenter[0].node).toBe(notReady);
    expect(second.datacenter[0].pods).toBe(first.datacenter[0].pods);
    expect(second.datacenter[1].pods[0].status).toBe("Terminating");
    expect(second.datacenter[2]).toBe(first.datacenter[2]);
    expect(second.virtual).toBe(first.virtual);
    expect(shape(second)).toEqual(shape(groupPlacement(nodes, Object.values(list.byUid))));
    // A node added: regrouped from scratch.
    const more = [...nodes, node("dc-4", false)];
    expect(shape(index.place(more, list, all))).toEqual(shape(groupPlacement(more, Object.values(list.byUid))));
  });
});

describe("ChangeLog", () => {
  it("tells the uids changed since a version, and nothing it has forgotten", () => {
    const log = new ChangeLog(4);
    log.record(["a"]);
    log.record(["b", "c"]);
    expect(log.since(0)).toEqual(["a", "b", "c"]);
    expect(log.since(1)).toEqual(["b", "c"]);
    expect(log.since(2)).toEqual([]);
    log.record(["d", "e"]); // 5 uids > 4: the older half of the batches is forgotten
    expect(log.since(0)).toBeUndefined();
    expect(log.since(1)).toEqual(["b", "c", "d", "e"]);
    expect(log.since(3)).toEqual([]);
    expect(log.since(4)).toBeUndefined();
  });
});
