import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "@playwright/test";
import type { SandboxInfo } from "@/sandbox/sandbox-info";

const run = promisify(execFile);

/** The kube context (and console cluster) the sandbox provides. */
export const SANDBOX_CLUSTER = "vnode-sandbox";

/** The sandbox the web server of this run started (see playwright.config.ts). */
export function e2eSandbox(): SandboxInfo {
  return JSON.parse(readFileSync(path.join(process.env.E2E_STATE_DIR!, "sandbox.json"), "utf8"));
}

/** The access token `npm start` printed for this run's console. */
export const consoleToken = () => e2eSandbox().console!.token;

/** The real kubectl on the sandbox's kubeconfig, as a user at a terminal. */
export async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await run("kubectl", args, { env: { ...process.env, KUBECONFIG: e2eSandbox().kubeconfig }, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Whether a kubectl command succeeds (e.g. `get` of an object that may not exist). */
export const kubectlSucceeds = (...args: string[]) =>
  kubectl(...args).then(
    () => true,
    () => false,
  );

/** `kubectl create namespace`, then waits for its default ServiceAccount so that pods can be created there. */
export async function createNamespace(ns: string) {
  await kubectl("create", "namespace", ns);
  // The controller-manager makes it; right after an apiserver restart it first waits to lead again (up to ~20 s).
  await expect.poll(() => kubectl("-n", ns, "get", "sa", "default", "-o", "name").catch(() => ""), { timeout: 60_000 }).toContain("default");
}

/** `kubectl delete namespace` without waiting for it to go. */
export async function deleteNamespace(ns: string) {
  await kubectl("delete", "namespace", ns, "--wait=false");
}

/** The data of kube-system/eci-profile, as kubectl reads it. */
export async function eciProfileData(): Promise<Record<string, string>> {
  return JSON.parse(await kubectl("-n", "kube-system", "get", "cm", "eci-profile", "-o", "json")).data;
}

/** `kubectl patch --type merge` of kube-system/eci-profile's data. */
export async function patchEciProfile(data: Record<string, string>) {
  await kubectl("-n", "kube-system", "patch", "cm", "eci-profile", "--type", "merge", "-p", JSON.stringify({ data }));
}

/** A real `kubectl edit` of kube-system/eci-profile, with a sed script as the editor. */
export async function kubectlEditEciProfile(sedScript: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "e2e-editor-"));
  const editor = path.join(dir, "editor.sh");
  writeFileSync(editor, `#!/bin/sh\nsed -i '${sedScript}' "$1"\n`);
  chmodSync(editor, 0o755);
  await run("kubectl", ["-n", "kube-system", "edit", "cm", "eci-profile"], { env: { ...process.env, KUBECONFIG: e2eSandbox().kubeconfig, KUBE_EDITOR: editor } });
}

/** SIGKILL to the sandbox's kube-apiserver (the sandbox restarts it). */
export function killApiserver() {
  const pid = Number(readFileSync(path.join(process.env.E2E_STATE_DIR!, "run", "kube-apiserver.pid"), "utf8"));
  process.kill(pid, "SIGKILL");
}

/** Waits until the apiserver answers /readyz with "ok" again. */
export async function waitForApiserverReady(timeout = 60_000) {
  await expect.poll(() => kubectl("get", "--raw", "/readyz").catch(() => ""), { timeout }).toBe("ok");
}

/** The cluster-scoped WATCH requests the apiserver is serving for pods, nodes and namespaces (its /metrics). */
export async function apiserverWatches() {
  const metrics = await kubectl("get", "--raw", "/metrics");
  const count = (resource: string) =>
    Number(
      metrics
        .split("\n")
        .find((l) => l.startsWith("apiserver_longrunning_requests{") && l.includes(`resource="${resource}"`) && l.includes('scope="cluster"') && l.includes('verb="WATCH"'))
        ?.split(" ")
        .pop() ?? 0,
    );
  return { pods: count("pods"), nodes: count("nodes"), namespaces: count("namespaces") };
}

/** The client key of the sandbox's kubeconfig (a credential that must never reach the browser). */
export function kubeconfigClientKey(): string {
  const kubeconfig = readFileSync(e2eSandbox().kubeconfig, "utf8");
  return /client-key-data: (\S+)/.exec(kubeconfig)![1];
}
