import "server-only";
import { loadKubeConfig, kubeConfigFor } from "@/lib/k8s/kubeconfig";
import { getJson } from "@/lib/k8s/raw-api";
import { watchHub } from "@/lib/k8s/watch-hub";
import { explainError, errorSentence } from "@/lib/errors";
import { isDraining } from "./lifecycle";

export interface Readiness {
  ready: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}

const CHECK_TIMEOUT_MS = 3_000;
const CACHE_MS = 2_000; // probes from several kubelets/load balancers share one apiserver round trip
let cached: { at: number; value: Promise<Readiness> } | undefined;

/**
 * Whether this replica should get traffic: not draining, its own cluster's apiserver answers, and the shared watches
 * are synced (none stuck reconnecting). Other clusters being down does not make the console unready: it shows them.
 */
export function readiness(): Promise<Readiness> {
  if (isDraining()) return Promise.resolve({ ready: false, checks: [{ name: "serving", ok: false, detail: "draining after SIGTERM" }] });
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const value = check();
  cached = { at: Date.now(), value };
  return value;
}

async function check(): Promise<Readiness> {
  const checks: Readiness["checks"] = [{ name: "serving", ok: true, detail: "accepting work" }];
  let home: string | undefined;
  try {
    home = loadKubeConfig().getCurrentContext() || undefined;
  } catch (error) {
    checks.push({ name: "kubeconfig", ok: false, detail: errorSentence(explainError(error)) });
  }
  if (home) {
    try {
      const version = await getJson<{ gitVersion?: string }>(kubeConfigFor(home), "/version", {}, AbortSignal.timeout(CHECK_TIMEOUT_MS));
      checks.push({ name: "apiserver", ok: true, detail: `${home}: ${version.gitVersion ?? "answers"}` });
    } catch (error) {
      checks.push({ name: "apiserver", ok: false, detail: `${home}: ${errorSentence(explainError(error, { timeoutSeconds: CHECK_TIMEOUT_MS / 1000 }))}` });
    }
  }
  const homeWatches = watchHub.stats().filter((watch) => watch.topic.cluster === home);
  // "connecting" is a first list in progress (normal for a moment); "reconnecting" is a watch that lost the apiserver.
  const behind = homeWatches.filter((watch) => watch.state === "reconnecting");
  checks.push({
    name: "watches",
    ok: behind.length === 0,
    detail: behind.length ? `${behind.length} of ${homeWatches.length} watches not synced` : `${homeWatches.length} watches synced`,
  });
  return { ready: checks.every((c) => c.ok), checks };
}
