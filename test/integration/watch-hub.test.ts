import { readFile } from "node:fs/promises";
import path from "node:path";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { HubEvent } from "@/lib/k8s/watch-hub";
import { eventually, kubectl } from "./kubectl";

const { kubeconfig, stateDir } = inject("sandbox");
process.env.KUBECONFIG = kubeconfig; // the console's adapters read the kubeconfig the way kubectl does
const { watchHub, SharedWatch } = await import("@/lib/k8s/watch-hub");

const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const cluster = kc.getCurrentContext();
const ns = `it-hub-${Date.now()}`;

/** Open WATCH requests the apiserver itself counts, for one resource at cluster scope. */
async function apiserverWatches(resource: string): Promise<number> {
  const text = await kubectl(kubeconfig, "get", "--raw", "/metrics");
  const line = text
    .split("\n")
    .find((l) => l.startsWith("apiserver_longrunning_requests{") && l.includes(`resource="${resource}"`) && l.includes('scope="cluster"') && l.includes('verb="WATCH"'));
  return line ? Number(line.split(" ").pop()) : 0;
}

/** Mirrors what a subscriber would show: applies snapshots and changes to a map by uid. */
function mirror() {
  const items = new Map<string, string>();
  const states: string[] = [];
  let snapshots = 0;
  const listener = (event: HubEvent) => {
    if (event.kind === "snapshot") {
      snapshots++;
      items.clear();
      for (const o of event.items) items.set(o.metadata.uid, o.metadata.name);
    } else if (event.kind === "change") {
      if (event.type === "DELETED") items.delete(event.object.metadata.uid);
      else items.set(event.object.metadata.uid, event.object.metadata.name);
    } else states.push(event.state);
  };
  return { items, states, listener, names: () => [...items.values()].sort(), snapshots: () => snapshots };
}

const pod = (name: string) => ({ metadata: { name, labels: { hub: ns } }, spec: { containers: [{ name: "c", image: "nginx" }] } });

beforeAll(async () => {
  await kubectl(kubeconfig, "create", "namespace", ns);
  await eventually("default ServiceAccount", () => kubectl(kubeconfig, "-n", ns, "get", "sa", "default").then(() => true));
});
afterAll(async () => {
  await kubectl(kubeconfig, "delete", "namespace", ns, "--wait=false");
});

describe("watch hub on the real apiserver", () => {
  it("serves 20 subscribers of one topic from one apiserver watch, and closes it when the last one leaves", async () => {
    const topic = { cluster, resource: "pods" as const, labelSelector: `hub=${ns}` };
    const before = await apiserverWatches("pods");
    const mirrors = Array.from({ length: 20 }, mirror);
    const unsubscribes = mirrors.map((m) => watchHub.subscribe(topic, m.listener));
    await eventually("all 20 subscribers live", async () => (mirrors.every((m) => m.states.at(-1) === "live") ? true : undefined));
    expect(await apiserverWatches("pods")).toBe(before + 1);

    await core.createNamespacedPod({ namespace: ns, body: pod("fan-out") });
    await eventually("every subscriber sees the new pod", async () => (mirrors.every((m) => m.names().includes("fan-out")) ? true : undefined));
    expect(watchHub.stats().filter((s) => s.topic.labelSelector === topic.labelSelector)).toEqual([expect.objectContaining({ subscribers: 20, state: "live" })]);

    for (const unsubscribe of unsubscribes) unsubscribe();
    await eventually("the shared watch to close after the last subscriber left", async () => ((await apiserverWatches("pods")) === before ? true : undefined), 15_000, 250);
    expect(watchHub.stats().some((s) => s.topic.labelSelector === topic.labelSelector)).toBe(false);
  });

  it("sends a change only when the view shows it: an annotation is sent to no one, a label is", async () => {
    // A namespace, not a pod: nothing else writes to it after creation, so every event here is one of the test's.
    const name = `${ns}-quiet`;
    const topic = { cluster, resource: "namespaces" as const, labelSelector: `quiet=${ns}` };
    const changes: string[] = [];
    const m = mirror();
    const unsubscribe = watchHub.subscribe(topic, (event) => {
      m.listener(event);
      if (event.kind === "change") changes.push(`${event.type} ${event.object.json}`);
    });
    await eventually("live", async () => (m.states.at(-1) === "live" ? true : undefined));
    await core.createNamespace({ body: { metadata: { name, labels: { quiet: ns } } } });
    await eventually("the namespace seen", async () => (m.names().includes(name) ? true : undefined));
    // The annotation, then the label: the watch delivers events in order, so once the label's change is here the
    // annotation's MODIFIED event has been received (and dropped) before it.
    await kubectl(kubeconfig, "annotate", "namespace", name, "note=not-shown");
    await kubectl(kubeconfig, "label", "namespace", name, "shown=yes");
    await eventually("the label's change", async () => (changes.some((c) => c.includes('"shown":"yes"')) ? true : undefined));
    expect(changes.map((c) => c.split(" ")[0])).toEqual(["ADDED", "MODIFIED"]);
    unsubscribe();
    await kubectl(kubeconfig, "delete", "namespace", name, "--wait=false");
  });

  it("converges by itself after the apiserver is killed and restarted", async () => {
    const topic = { cluster, resource: "pods" as const, namespace: ns };
    const m = mirror();
    const unsubscribe = watchHub.subscribe(topic, m.listener);
    await eventually("live", async () => (m.states.at(-1) === "live" ? true : undefined));
    await core.createNamespacedPod({ namespace: ns, body: pod("before-crash") });
    await eventually("before-crash seen", async () => (m.names().includes("before-crash") ? true : undefined));

    const pid = Number(await readFile(path.join(stateDir, "run", "kube-apiserver.pid"), "utf8"));
    process.kill(pid, "SIGKILL");
    await eventually("the hub to notice", async () => (m.states.includes("reconnecting") ? true : undefined), 20_000);
    await eventually("the supervisor to bring the apiserver back", () => kubectl(kubeconfig, "get", "--raw", "/readyz").then(() => true), 60_000, 250);
    await core.deleteNamespacedPod({ name: "before-crash", namespace: ns, gracePeriodSeconds: 0 });
    await core.createNamespacedPod({ namespace: ns, body: pod("after-restart") });
    await eventually(
      "the view to match the cluster",
      async () => {
        const truth = (await core.listNamespacedPod({ namespace: ns })).items.map((p) => p.metadata!.name!).sort();
        return JSON.stringify(m.names()) === JSON.stringify(truth) && m.states.at(-1) === "live" ? truth : undefined;
      },
      30_000,
      100,
    );
    expect(m.names()).toContain("after-restart");
    expect(m.names()).not.toContain("before-crash");
    unsubscribe();
  });
  // Runs after the restart above: a restarted apiserver's watch cache starts at the current revision, so "1" is expired.
  it("relists when its resourceVersion has expired (410 Gone) and delivers the current objects", async () => {
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "before-410" }, data: { a: "1" } } });
    const m = mirror();
    const watch = new SharedWatch({ cluster, resource: "configmaps", namespace: ns }, () => {}, "1");
    watch.subscribe(m.listener);
    watch.start();
    await eventually("a snapshot after the 410", async () => (m.snapshots() > 0 ? true : undefined));
    expect(watch.relists).toBe(1); // it resumed from "1", was told 410, and listed once
    expect(m.names()).toContain("before-410");
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "after-410" } } });
    await eventually("later changes to flow again", async () => (m.names().includes("after-410") ? true : undefined));
    watch.stop();
  });

  it("gives up on a selector the apiserver rejects (400) instead of retrying it forever, and says why in plain words", async () => {
    const m = mirror();
    const events: HubEvent[] = [];
    const watch = new SharedWatch({ cluster, resource: "pods", namespace: ns, labelSelector: "app in (" }, () => {});
    watch.subscribe((e) => {
      m.listener(e);
      events.push(e);
    });
    watch.start();
    const failed = await eventually("the failed state", async () => events.find((e) => e.kind === "status" && e.state === "failed"));
    expect(failed).toMatchObject({ lastEventAt: null, error: expect.stringMatching(/^400: the apiserver refused the request as invalid: unable to parse requirement/) });
    expect(watch.relists).toBe(1);
    expect(watch.watches).toBe(0);
    expect(m.states).not.toContain("reconnecting");
    watch.stop();
  });
});
