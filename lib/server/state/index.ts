import "server-only";
import os from "node:os";
import type { KubeConfig } from "@kubernetes/client-node";
import { sessionRevocations } from "@/lib/auth/revocations";
import { ConsoleError, words } from "@/lib/errors";
import { kubeConfigFor, serviceAccountKubeConfig } from "@/lib/k8s/kubeconfig";
import { fileState } from "./file";
import { kubernetesState } from "./kubernetes";
import type { ConsoleStateStore } from "./types";

export type { ConsoleStateStore } from "./types";
export { fileState } from "./file";
export { kubernetesState, type KubernetesStateOptions } from "./kubernetes";

/** The cluster holding the shared state: VNODE_STATE_CONTEXT (a kube context), else the pod's ServiceAccount. */
function stateKubeConfig(): KubeConfig {
  const context = process.env.VNODE_STATE_CONTEXT;
  try {
    return context ? kubeConfigFor(context) : serviceAccountKubeConfig("vnode-console-state");
  } catch (error) {
    if (error instanceof ConsoleError) throw error;
    throw new ConsoleError({
      code: "StateUnreachable",
      title: words("server.state.unreachable.title", { namespace: process.env.VNODE_STATE_NAMESPACE ?? "", reason: (error as Error).message.split("\n")[0] }),
      whatToDo: words("server.state.unreachable.whatToDo"),
      retryable: false,
    });
  }
}

const numberEnv = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

/**
 * Which store, from the environment: VNODE_STATE_NAMESPACE set (the chart sets it to the release namespace) keeps
 * the state in Kubernetes objects of that namespace, shared by every replica; unset, files and memory (laptop mode).
 */
export function stateFromEnv(): ConsoleStateStore {
  const namespace = process.env.VNODE_STATE_NAMESPACE;
  if (!namespace) return fileState();
  const running = Symbol.for("vnode-console.running-actions");
  const g = globalThis as typeof globalThis & { [running]?: Set<string> };
  g[running] ??= new Set();
  return kubernetesState({
    kubeConfig: stateKubeConfig(),
    namespace,
    holder: process.env.VNODE_POD_NAME || os.hostname(),
    prefix: process.env.VNODE_STATE_PREFIX || "vnode-console",
    sessionSecretName: process.env.VNODE_SESSION_SECRET_NAME || undefined,
    sessionSecretField: process.env.VNODE_SESSION_SECRET_KEY || undefined,
    leaseSeconds: numberEnv("VNODE_ACTION_LEASE_SECONDS"),
    sessionKeyMaxAgeMs: (numberEnv("VNODE_SESSION_KEY_MAX_AGE_DAYS") ?? 30) * 86_400_000,
    localRevocations: sessionRevocations,
    running: g[running],
    pollRevocations: true,
  });
}

const key = Symbol.for("vnode-console.state");
const g = globalThis as typeof globalThis & { [key]?: ConsoleStateStore };

/** The process's store, made on first use; on globalThis so that proxy.ts and every route bundle share it. */
export function consoleState(): ConsoleStateStore {
  g[key] ??= stateFromEnv();
  return g[key];
}

/** Replaces the process's store (tests: one process standing for a replica at a time); returns the previous one. */
export function replaceConsoleState(store: ConsoleStateStore | undefined): ConsoleStateStore | undefined {
  const previous = g[key];
  g[key] = store;
  return previous;
}

/** Cluster links and console settings, wherever the store keeps them. */
export const readConsoleConfig = () => consoleState().config.read();
export const updateConsoleConfig = (change: Parameters<ConsoleStateStore["config"]["update"]>[0]) => consoleState().config.update(change);
