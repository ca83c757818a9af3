// The PodHost of virtual nodes: "starting" a pod creates its ECI container group in the cloud emulator, and its IP
// is the container group's IP in the vSwitch it landed in; finalizing a deleted pod deletes the group.
import { randomInt } from "node:crypto";
import { CoreV1Api, type KubeConfig, PatchStrategy, setHeaderOptions, type V1Pod } from "@kubernetes/client-node";
import type { PodHost } from "../kubelet/pod-runtime";
import { nowIso } from "../kubelet/time";
import { CloudError, type CloudClient, type ContainerGroupView, isCredentialError, isPermissionError } from "./cloud-client";
import { ANNOTATIONS, CONTAINER_INSTANCE_CREATED } from "./constants";
import { createContainerGroupQuery, eciSize } from "./eci-spec";
import type { EciProfile } from "./eci-profile";
import type { EventRecorder } from "./events";
import type { VirtualNodes } from "./virtual-nodes";

const strategicMerge = setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch);

/** Zone-level capacity errors (S-cond reasons): the next zone is tried at once. */
export function stockReason(error: unknown): string | undefined {
  if (!(error instanceof CloudError)) return undefined;
  if (/NoStock/.test(error.code)) return "NoStock";
  if (/StockExhaust/.test(error.code)) return "StockExhaust";
  if (/StockClose/.test(error.code)) return "StockClose";
  if (/IpNotEnough/.test(error.code)) return "IpNotEnough";
  return undefined;
}

export interface EciHostDeps {
  /** undefined while the AccessKey is missing or unusable; `unusable` says why. */
  client(): CloudClient | undefined;
  unusable(): string;
  profile(): EciProfile | undefined;
  zonesOf(vSwitchIds: string[]): Promise<Map<string, string>>;
  nodes: VirtualNodes;
  clusterId: string;
  events: EventRecorder;
  /** A cloud call said the key or its permissions are bad: re-check now, so the nodes say so. */
  credentialsFailed(): void;
}

function shuffle<T>(items: T[]) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * The vSwitches to try, in order (S-zones). `k8s.aliyun.com/eci-vswitch` replaces eci-profile vSwitchIds.
 * `VSwitchOrdered`: the listed order, strictly. `VSwitchRandom` (default): the real service picks by inventory; here
 * the zone of the virtual node the scheduler chose comes first, then the other zones at random. A pod whose group
 * fails over to another zone stays bound to its node (a binding is immutable); its IP shows the vSwitch it got.
 */
export function vSwitchOrder(ids: string[], zones: Map<string, string>, nodeZone: string | undefined, ordered: boolean) {
  if (ordered) return ids;
  const here = ids.filter((id) => zones.get(id) === nodeZone);
  return [...shuffle(here), ...shuffle(ids.filter((id) => !here.includes(id)))];
}

export class EciPodHost implements PodHost {
  private core: CoreV1Api;
  /** pod UID → container group id, for groups created or adopted by this controller run. */
  private groups = new Map<string, string>();
  /** Groups this run deleted: a pod's later Terminating updates do not ask the cloud again. */
  private deleted = new Set<string>();
  /** Pods whose last create got no answer (timeout, connection error): the group may exist; look it up first. */
  private unsure = new Set<string>();
  /** Pods this controller run has tried to start. */
  private attempted = new Set<string>();

  constructor(
    kubeConfig: KubeConfig,
    private readonly deps: EciHostDeps,
    private readonly log: (line: string) => void,
  ) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  owns = (nodeName: string) => this.deps.nodes.owns(nodeName);

  private groupOf(pod: V1Pod) {
    return this.groups.get(pod.metadata!.uid!) ?? pod.metadata?.annotations?.[ANNOTATIONS.instanceId];
  }

  private usableClient() {
    const client = this.deps.client();
    if (!client) throw new Error(`cannot create the ECI instance: ${this.deps.unusable()}`);
    return client;
  }

  private async condition(pod: V1Pod, reason: string, message: string) {
    const { name, namespace } = pod.metadata as { name: string; namespace: string };
    const condition = { type: CONTAINER_INSTANCE_CREATED, status: "False", reason, message, lastTransitionTime: nowIso(), lastProbeTime: nowIso() };
    await this.core.patchNamespacedPodStatus({ name, namespace, body: { status: { conditions: [condition] } } }, strategicMerge).catch(() => {});
    this.deps.events.emit({ kind: "Pod", name, namespace, uid: pod.metadata!.uid, apiVersion: "v1" }, "Warning", reason, message);
  }

  async start(pod: V1Pod) {
    const client = this.usableClient();
    const existing = this.groupOf(pod);
    if (existing) {
      const group = await client.describeContainerGroup(existing);
      if (group) return this.running(pod, client, group);
    }
    const uid = pod.metadata!.uid!;
    // A pod a previous leader began starting (it has a startTime) may have an instance whose create was never
    // answered: a new leader looks it up by the pod's UID tag before creating one.
    const inherited = !this.attempted.has(uid) && Boolean(pod.status?.startTime);
    this.attempted.add(uid);
    if (this.unsure.has(uid) || inherited) {
      const group = await client.findContainerGroupByTag("UID", uid);
      this.unsure.delete(uid);
      if (group) {
        this.groups.set(uid, group.ContainerGroupId);
        return this.running(pod, client, group);
      }
    }
    const profile = this.deps.profile();
    if (!profile) throw new Error("cannot create the ECI instance: kube-system/eci-profile is missing or invalid");
    const annotations = pod.metadata?.annotations ?? {};
    const wanted = annotations[ANNOTATIONS.vSwitch]
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const ids = wanted?.length ? wanted : profile.vSwitchIds;
    const zones = await this.deps.zonesOf(ids);
    const nodeZone = this.deps.nodes.zoneOf(pod.spec!.nodeName!);
    const order = vSwitchOrder(ids, zones, nodeZone, annotations[ANNOTATIONS.scheduleStrategy] === "VSwitchOrdered");
    const securityGroupId = annotations[ANNOTATIONS.securityGroup]?.split(",")[0]?.trim() || profile.securityGroupId;

    const failures: string[] = [];
    let lastReason = "NoStock";
    for (const [i, vSwitchId] of order.entries()) {
      const zone = zones.get(vSwitchId) ?? "unknown zone";
      try {
        const id = await client.createContainerGroup(
          createContainerGroupQuery(pod, { vSwitchId, securityGroupId, resourceGroupId: profile.resourceGroupId, clusterId: this.deps.clusterId }),
        );
        this.groups.set(pod.metadata!.uid!, id);
        this.log(`pod ${pod.metadata!.namespace}/${pod.metadata!.name}: ECI ${id} created in ${zone} (${vSwitchId})`);
        const group = await client.describeContainerGroup(id);
        if (!group) throw new Error(`ECI instance ${id} was created but DescribeContainerGroups does not list it`);
        return this.running(pod, client, group);
      } catch (error) {
        const reason = stockReason(error);
        if (error instanceof CloudError && error.statusCode === undefined) this.unsure.add(uid);
        if (!reason) {
          if (isCredentialError(error) || isPermissionError(error)) this.deps.credentialsFailed();
          const code = error instanceof CloudError ? error.code : "UnknownError";
          await this.condition(pod, code, `Create ECI failed: ${(error as Error).message}`);
          throw error;
        }
        lastReason = reason;
        failures.push(`${zone} (${vSwitchId})`);
        const next = order[i + 1];
        // The documented ContainerInstanceCreated reason, then the retry in the next zone.
        await this.condition(pod, reason, `Create ECI failed in ${zone}: ${(error as Error).message}${next ? ` Retrying in ${zones.get(next) ?? next}.` : ""}`);
      }
    }
    throw new Error(`${lastReason}: no ECI capacity in ${failures.join(", ")}; the controller keeps retrying`);
  }

  private async running(pod: V1Pod, client: CloudClient, group: ContainerGroupView) {
    let g: ContainerGroupView | undefined = group;
    // The emulator's groups are Running at once; a real one is Pending/Scheduling first.
    for (let i = 0; g && g.Status !== "Running" && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 250));
      g = await client.describeContainerGroup(group.ContainerGroupId);
    }
    if (!g) throw new Error(`ECI instance ${group.ContainerGroupId} disappeared`);
    if (g.Status !== "Running") throw new Error(`ECI instance ${g.ContainerGroupId} is ${g.Status}`);
    const now = nowIso();
    return {
      podIP: g.IntranetIp,
      // An ECI pod is its own host: hostIP is the instance's address.
      hostIP: g.IntranetIp,
      annotations: { [ANNOTATIONS.instanceId]: g.ContainerGroupId, [ANNOTATIONS.instanceSpec]: g.InstanceType || eciSize(pod).spec },
      conditions: [
        {
          type: CONTAINER_INSTANCE_CREATED,
          status: "True",
          reason: "Created",
          message: `ECI instance ${g.ContainerGroupId} in ${g.ZoneId} (${g.VSwitchId})`,
          lastTransitionTime: now,
          lastProbeTime: now,
        },
      ],
    };
  }

  async stop(pod: V1Pod) {
    const id = this.groupOf(pod);
    if (!id || this.deleted.has(id)) return;
    const client = this.usableClient();
    const deleted = await client.deleteContainerGroup(id);
    this.deleted.add(id);
    this.groups.delete(pod.metadata!.uid!);
    if (deleted) this.log(`pod ${pod.metadata!.namespace}/${pod.metadata!.name}: ECI ${id} deleted`);
  }

  /** A pod that vanished without the runtime finalizing it (force delete, node deleted): delete its group too. */
  release(pod: V1Pod) {
    this.attempted.delete(pod.metadata!.uid!);
    const id = this.groups.get(pod.metadata!.uid!);
    if (!id) return;
    this.groups.delete(pod.metadata!.uid!);
    this.deps
      .client()
      ?.deleteContainerGroup(id)
      .catch((e) => this.log(`ECI ${id} of ${pod.metadata!.namespace}/${pod.metadata!.name}: delete failed: ${(e as Error).message}`));
  }

  adopt(pod: V1Pod) {
    const id = pod.metadata?.annotations?.[ANNOTATIONS.instanceId];
    if (id) this.groups.set(pod.metadata!.uid!, id);
  }
}
