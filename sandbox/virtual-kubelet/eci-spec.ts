// What an ECI container group for a pod looks like: its size (eci-use-specs, or the containers' resources) and the
// CreateContainerGroup parameters. Pure functions.
import type { V1Pod } from "@kubernetes/client-node";
import { ANNOTATIONS } from "./constants";

/** Kubernetes quantity → number (cores for cpu, GiB for memory). */
export function quantity(value: string | undefined, unit: "cpu" | "GiB"): number {
  if (!value) return 0;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(value.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const factor: Record<string, number> =
    unit === "cpu" ? { "": 1, m: 1e-3 } : { "": 2 ** -30, Ki: 2 ** -20, Mi: 2 ** -10, Gi: 1, Ti: 2 ** 10, k: 1e3 / 2 ** 30, M: 1e6 / 2 ** 30, G: 1e9 / 2 ** 30, T: 1e12 / 2 ** 30 };
  return n * (factor[m[2]] ?? 0);
}

const CPU_SPECS = [0.25, 0.5, 1, 2, 4, 8, 12, 16, 24, 32, 52, 64];

export interface EciSize {
  cpu: number;
  memory: number;
  instanceType?: string;
  spec: string;
}

/**
 * The first entry of `k8s.aliyun.com/eci-use-specs` (`2-4Gi` or an ECS type), else the containers' limits (requests
 * when no limits) rounded up to an ECI vCPU size, else the documented default of 2 vCPU / 4 GiB. The real service
 * tries the listed specs in order; the emulator has no per-spec stock, so the first one is used.
 */
export function eciSize(pod: V1Pod): EciSize {
  const wanted = pod.metadata?.annotations?.[ANNOTATIONS.useSpecs]?.split(",")[0]?.trim();
  const m = wanted && /^([0-9.]+)-([0-9.]+)Gi$/.exec(wanted);
  if (m) return sized(Number(m[1]), Number(m[2]));
  if (wanted?.startsWith("ecs.")) return { cpu: 2, memory: 4, instanceType: wanted, spec: wanted };
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += quantity(c.resources?.limits?.cpu ?? c.resources?.requests?.cpu, "cpu");
    memory += quantity(c.resources?.limits?.memory ?? c.resources?.requests?.memory, "GiB");
  }
  if (cpu === 0 && memory === 0) return sized(2, 4);
  const vcpu = CPU_SPECS.find((s) => s >= cpu) ?? CPU_SPECS[CPU_SPECS.length - 1];
  return sized(vcpu, Math.max(Math.ceil(memory * 2) / 2, vcpu));
}

const sized = (cpu: number, memory: number): EciSize => ({ cpu, memory, spec: `${cpu.toFixed(1)}-${memory.toFixed(1)}Gi` });

/** ECI names: 2-128 lowercase letters, digits and hyphens. Not unique in ECI; the pod UID tag identifies the pod. */
export function containerGroupName(pod: V1Pod) {
  const raw = `${pod.metadata?.namespace}-${pod.metadata?.name}`.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  return raw
    .slice(0, 128)
    .replace(/^-+|-+$/g, "")
    .padEnd(2, "0");
}

export interface CreateParams {
  vSwitchId: string;
  securityGroupId: string;
  resourceGroupId?: string;
  clusterId: string;
}

/** CreateContainerGroup query; tags as the open-source provider sets them (§5, orphan detection). */
export function createContainerGroupQuery(pod: V1Pod, p: CreateParams): Record<string, string> {
  const size = eciSize(pod);
  const q: Record<string, string> = {
    ContainerGroupName: containerGroupName(pod),
    SecurityGroupId: p.securityGroupId,
    VSwitchId: p.vSwitchId,
    RestartPolicy: pod.spec?.restartPolicy ?? "Always",
    Cpu: String(size.cpu),
    Memory: String(size.memory),
  };
  if (size.instanceType) q.InstanceType = size.instanceType;
  if (p.resourceGroupId) q.ResourceGroupId = p.resourceGroupId;
  (pod.spec?.containers ?? []).forEach((c, i) => {
    q[`Container.${i + 1}.Name`] = c.name;
    q[`Container.${i + 1}.Image`] = c.image ?? "";
    const cpu = quantity(c.resources?.limits?.cpu ?? c.resources?.requests?.cpu, "cpu");
    const memory = quantity(c.resources?.limits?.memory ?? c.resources?.requests?.memory, "GiB");
    if (cpu) q[`Container.${i + 1}.Cpu`] = String(cpu);
    if (memory) q[`Container.${i + 1}.Memory`] = String(memory);
  });
  const tags = {
    ClusterId: p.clusterId,
    NodeName: pod.spec?.nodeName ?? "",
    NameSpace: pod.metadata?.namespace ?? "",
    PodName: pod.metadata?.name ?? "",
    UID: pod.metadata?.uid ?? "",
  };
  Object.entries(tags).forEach(([k, v], i) => {
    q[`Tag.${i + 1}.Key`] = k;
    q[`Tag.${i + 1}.Value`] = v;
  });
  return q;
}
