import "server-only";
import { listNodesAndPods } from "@/lib/k8s/pods";
import { watchHub, type HubItem } from "@/lib/k8s/watch-hub";
import { groupPlacement, type Placement } from "@/lib/live/placement";
import { toPodView, type PodView } from "@/lib/live/pod-view";
import { toNodeSummary, type NodeSummary } from "@/lib/node-summary";

type RawPod = Parameters<typeof toPodView>[0];

/** Pods by lane (ECI, data center, not placed), as the Virtual Nodes page groups them. */
export async function readPlacement(cluster: string, opts: { namespace?: string; labelSelector?: string }): Promise<Placement> {
  const { nodes, pods } = await listNodesAndPods(cluster, opts);
  return groupPlacement(
    nodes.map(toNodeSummary),
    pods.map((p) => toPodView(p as unknown as RawPod)),
  );
}

export type PlacementChange = { type: "ADDED" | "MODIFIED" | "DELETED"; pod: PodView; node?: NodeSummary };

/**
 * Follows pods (and the nodes they land on) through the console's shared watch hub: `onPod` gets every pod change
 * with its node, as `kubectl get -w` prints them; `onError` the watch's trouble in words. Returns the unsubscribe.
 */
export function watchPlacement(
  cluster: string,
  opts: { namespace?: string; labelSelector?: string },
  onPod: (change: PlacementChange) => void,
  onError: (message: string) => void,
): () => void {
  const nodes = new Map<string, NodeSummary>();
  // Pod events wait for the first node list: without it every pod would look "not placed".
  let nodesKnown = false;
  const waiting: (() => void)[] = [];
  // The hub keeps each object's view as JSON (lib/live/views): the pod's PodView, the node's summary.
  const podOf = (o: HubItem) => JSON.parse(o.json) as PodView;
  const nodeOf = (o: HubItem) => JSON.parse(o.json) as NodeSummary;
  const stopNodes = watchHub.subscribe({ cluster, resource: "nodes" }, (event) => {
    if (event.kind === "snapshot") {
      nodes.clear();
      for (const n of event.items) nodes.set(n.metadata.name, nodeOf(n));
      if (!nodesKnown) {
        nodesKnown = true;
        for (const run of waiting.splice(0)) run();
      }
    } else if (event.kind === "change") {
      if (event.type === "DELETED") nodes.delete(event.object.metadata.name);
      else nodes.set(event.object.metadata.name, nodeOf(event.object));
    }
  });
  const stopPods = watchHub.subscribe({ cluster, resource: "pods", namespace: opts.namespace, labelSelector: opts.labelSelector }, (event) => {
    const emit = (type: PlacementChange["type"], o: HubItem) => {
      const send = () => {
        const pod = podOf(o);
        onPod({ type, pod, node: pod.nodeName ? nodes.get(pod.nodeName) : undefined });
      };
      if (nodesKnown) send();
      else waiting.push(send);
    };
    if (event.kind === "snapshot" && !event.resync) for (const o of event.items) emit("ADDED", o);
    else if (event.kind === "change") emit(event.type, event.object);
    else if (event.kind === "status" && event.error) onError(event.error);
  });
  return () => {
    stopPods();
    stopNodes();
  };
}

export type { Placement };
