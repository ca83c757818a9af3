import "server-only";
import { CoordinationV1Api, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { MemorySessionRevocations } from "@/lib/auth/revocations";
import { consoleConfigSchema, type ConsoleConfig } from "@/lib/console-config/schema";
import { invalidConsoleConfig } from "@/lib/console-config/invalid";
import { apiClientFor } from "@/lib/k8s/api-client";
import { readStateObject, updateStateObject } from "@/lib/k8s/state-objects";
import { appendBounded, splitLines } from "@/lib/state/ring-buffer";
import { parseActivityLines } from "./file-activity";
import { leaseActionLocks } from "./kubernetes-locks";
import { KubernetesSessionKeys, KubernetesSessionRevocations } from "./kubernetes-session";
import type { ConsoleStateStore } from "./types";

export interface KubernetesStateOptions {
  /** The cluster the state lives in (the ServiceAccount's own, in the chart). */
  kubeConfig: KubeConfig;
  namespace: string;
  /** This replica's name (holderIdentity of the action Leases): the pod's name. */
  holder: string;
  /** Object names start with it: <prefix>-config, <prefix>-revocations, <prefix>-activity, <prefix>-action-…. */
  prefix?: string;
  sessionSecretName?: string;
  sessionSecretField?: string;
  leaseSeconds?: number;
  /** How stale a replica's copy of the session keys and revocations may be. */
  cacheMs?: number;
  activityMaxEntries?: number;
  sessionKeyMaxAgeMs?: number;
  /** This process's revocation list (default: a private one; the console passes the process-wide one). */
  localRevocations?: MemorySessionRevocations;
  /** This process's running actions (default: a private set; the console passes the process-wide one). */
  running?: Set<string>;
  /** Poll the revocations so streams of a session signed out on another replica end (the console does). */
  pollRevocations?: boolean;
}

const CONFIG_FIELD = "console.json";
const ACTIVITY_FIELD = "activity.jsonl";
/** A ConfigMap holds at most 1 MiB; the Activity ring stays well below it. */
const ACTIVITY_MAX_BYTES = 512 * 1024;

/** In-cluster mode: every replica reads and writes the same objects in `namespace`; no local file. */
export function kubernetesState(o: KubernetesStateOptions): ConsoleStateStore {
  const core = apiClientFor(o.kubeConfig, CoreV1Api);
  const coordination = apiClientFor(o.kubeConfig, CoordinationV1Api);
  const prefix = o.prefix ?? "vnode-console";
  const labels = { "app.kubernetes.io/name": "vnode-console", "app.kubernetes.io/component": "state" };
  const cacheMs = o.cacheMs ?? 2000;
  const configName = `${prefix}-config`;
  const activityName = `${prefix}-activity`;

  const parseConfig = (text: string | undefined): ConsoleConfig => {
    const parsed = consoleConfigSchema.safeParse(JSON.parse(text ?? "{}"));
    if (!parsed.success) throw invalidConsoleConfig(`ConfigMap ${o.namespace}/${configName}`, parsed.error.issues[0]);
    return parsed.data;
  };

  const keys = new KubernetesSessionKeys({
    core,
    namespace: o.namespace,
    secretName: o.sessionSecretName ?? `${prefix}-session`,
    seedField: o.sessionSecretField ?? "session-key",
    cacheMs: Math.max(cacheMs, 5000),
    maxAgeMs: o.sessionKeyMaxAgeMs ?? 0,
  });
  const revocations = new KubernetesSessionRevocations({
    core,
    namespace: o.namespace,
    configMapName: `${prefix}-revocations`,
    labels,
    local: o.localRevocations ?? new MemorySessionRevocations(),
    cacheMs,
  });
  if (o.pollRevocations) revocations.startPolling();

  return {
    kind: "kubernetes",
    config: {
      read: async () => parseConfig((await readStateObject(core, "ConfigMap", o.namespace, configName))?.data[CONFIG_FIELD]),
      update: async (change) => {
        let updated: ConsoleConfig | undefined;
        await updateStateObject(
          core,
          "ConfigMap",
          o.namespace,
          configName,
          (current) => {
            // Re-applied to the newest copy after a conflict: the other replica's change is kept.
            updated = consoleConfigSchema.parse(change(parseConfig(current?.data[CONFIG_FIELD])));
            return { [CONFIG_FIELD]: `${JSON.stringify(updated, null, 2)}\n` };
          },
          { create: true, labels },
        );
        return updated as ConsoleConfig;
      },
    },
    sessionKeys: keys,
    revocations,
    actionLocks: leaseActionLocks({
      api: coordination,
      namespace: o.namespace,
      prefix,
      holder: o.holder,
      durationSeconds: o.leaseSeconds ?? 30,
      labels,
      running: o.running ?? new Set(),
    }),
    activity: {
      append: async (entry) => {
        const line = JSON.stringify(entry);
        await updateStateObject(
          core,
          "ConfigMap",
          o.namespace,
          activityName,
          (current) => ({
            [ACTIVITY_FIELD]: `${appendBounded(splitLines(current?.data[ACTIVITY_FIELD]), line, { maxItems: o.activityMaxEntries ?? 500, maxBytes: ACTIVITY_MAX_BYTES }).join("\n")}\n`,
          }),
          { create: true, labels },
        );
      },
      read: async (limit) => {
        const obj = await readStateObject(core, "ConfigMap", o.namespace, activityName);
        return parseActivityLines(splitLines(obj?.data[ACTIVITY_FIELD])).reverse().slice(0, limit);
      },
    },
    close: () => revocations.stopPolling(),
  };
}
