// In-cluster mode: the cluster the console runs in is reached with a ServiceAccount token (here minted from the
// sandbox with `kubectl create token`, laid out as the kubelet mounts it), plus more clusters from mounted kubeconfigs.
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import path from "node:path";
import { AuthenticationV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { kubectl } from "./kubectl";

const sandbox = inject("sandbox");
const ns = `in-cluster-${Date.now()}`;
const saved = { ...process.env };

beforeAll(async () => {
  const kc = new KubeConfig();
  kc.loadFromFile(sandbox.kubeconfig);
  const server = new URL(sandbox.apiserver);
  const dir = await mkdtemp(path.join(sandbox.stateDir, "serviceaccount-"));
  await kubectl(sandbox.kubeconfig, "create", "namespace", ns);
  await kubectl(sandbox.kubeconfig, "-n", ns, "create", "serviceaccount", "console");
  await kubectl(sandbox.kubeconfig, "-n", ns, "create", "rolebinding", "console-view", "--clusterrole=view", `--serviceaccount=${ns}:console`);
  const token = (await kubectl(sandbox.kubeconfig, "-n", ns, "create", "token", "console", "--duration=1h")).trim();
  await writeFile(path.join(dir, "token"), token, { mode: 0o600 });
  await writeFile(path.join(dir, "ca.crt"), Buffer.from(kc.getCurrentCluster()!.caData!, "base64"));
  await writeFile(path.join(dir, "namespace"), ns);
  // Mounted kubeconfigs, as the chart mounts them: one directory per Secret, listed in KUBECONFIG (here a directory).
  const kubeconfigs = path.join(dir, "..", `${path.basename(dir)}-kubeconfigs`);
  await mkdir(kubeconfigs);
  await copyFile(sandbox.kubeconfig, path.join(kubeconfigs, "sandbox"));
  Object.assign(process.env, {
    VNODE_IN_CLUSTER: "1",
    VNODE_IN_CLUSTER_NAME: "home",
    VNODE_SERVICEACCOUNT_DIR: dir,
    KUBERNETES_SERVICE_HOST: server.hostname,
    KUBERNETES_SERVICE_PORT: server.port,
    KUBECONFIG: kubeconfigs,
  });
  (await import("@/lib/k8s/kubeconfig")).resetKubeConfig();
});

afterAll(async () => {
  process.env = saved;
  (await import("@/lib/k8s/kubeconfig")).resetKubeConfig();
  await kubectl(sandbox.kubeconfig, "delete", "namespace", ns, "--wait=false");
});

describe("in-cluster mode", () => {
  it("lists the ServiceAccount's cluster under its display name, then the mounted kubeconfigs' clusters", async () => {
    const { kubeContexts } = await import("@/lib/k8s/kubeconfig");
    const contexts = kubeContexts();
    expect(contexts[0]).toEqual({ context: "home", cluster: "home", server: sandbox.apiserver.replace(/\/$/, ""), namespace: ns });
    const mounted = new KubeConfig();
    mounted.loadFromFile(sandbox.kubeconfig);
    expect(contexts.map((c) => c.context)).toEqual(["home", ...mounted.getContexts().map((c) => c.name)]);
  });

  it("calls the apiserver as the ServiceAccount, with its RBAC", async () => {
    const { apiClient } = await import("@/lib/k8s/api-client");
    const review = await apiClient("home", AuthenticationV1Api).createSelfSubjectReview({ body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" } });
    expect(review.status?.userInfo?.username).toBe(`system:serviceaccount:${ns}:console`);
    const core = apiClient("home", CoreV1Api);
    expect((await core.listNamespacedConfigMap({ namespace: ns })).items.map((c) => c.metadata?.name)).toContain("kube-root-ca.crt");
    // view in its namespace only: the cluster-wide node list is forbidden.
    await expect(core.listNode()).rejects.toMatchObject({ code: 403 });
  });
});
