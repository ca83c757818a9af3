// Two console replicas in the cluster: the image's standalone server run twice in in-cluster mode (VNODE_IN_CLUSTER=1) with its
// state in Kubernetes (VNODE_STATE_NAMESPACE), each as the chart's ServiceAccount with a minted token and the chart's
// rendered RBAC. One browser (cookies are per host, not per port) moves between them: a session made on A works on
// B, a link saved on A shows on B, the Activity on B has A's change, a sign-out on B ends the session on A, and
// neither replica writes a local file.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { parseAllDocuments } from "yaml";
import { ActivityPage, ClustersPage } from "./pages";
import { type Replica, serviceAccountDir, startReplica } from "./support/replicas";
import { e2eSandbox, kubectl } from "./support/sandbox-helpers";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const ns = `console-${Date.now().toString(36)}`;
const release = "console";
const fullname = `${release}-vnode-console`;
const token = "two-replicas-e2e-access-token-0123456789";
const replicas: Replica[] = [];
let work = "";
let manifest = "";
const replicaUrls = { a: "", b: "" };

/** The environment the chart's Deployment sets (no kubeconfig, no cloud credentials), with a data dir to watch. */
function chartEnv(saDir: string, dataDir: string): Record<string, string> {
  const server = new URL(e2eSandbox().apiserver);
  return {
    XDG_CONFIG_HOME: dataDir,
    VNODE_CONSOLE_CONFIG: path.join(dataDir, "console.json"),
    VNODE_CONSOLE_TOKEN: token,
    VNODE_SECURE_COOKIES: "0",
    VNODE_IN_CLUSTER: "1",
    VNODE_IN_CLUSTER_NAME: "in-cluster",
    VNODE_SERVICEACCOUNT_DIR: saDir,
    KUBERNETES_SERVICE_HOST: server.hostname,
    KUBERNETES_SERVICE_PORT: server.port,
    VNODE_STATE_NAMESPACE: ns,
    VNODE_STATE_PREFIX: fullname,
    VNODE_SESSION_SECRET_NAME: `${fullname}-session`,
    VNODE_SESSION_SECRET_KEY: "session-key",
  };
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  work = mkdtempSync(path.join(os.tmpdir(), "vnode-replicas-"));
  // The chart's RBAC and session Secret for a release in `ns`, rendered by the real helm.
  const { ensureHelmBinary } = await import("@/sandbox/helm/binary");
  const helm = await ensureHelmBinary();
  const { stdout } = await run(helm, ["template", release, path.join(root, "deploy/helm/vnode-console"), "--namespace", ns], { maxBuffer: 16 * 1024 * 1024 });
  const kinds = new Set(["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Secret", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"]);
  const objects = parseAllDocuments(stdout)
    .map((d) => d.toJS())
    .filter((o) => o && kinds.has(o.kind));
  await kubectl("create", "namespace", ns);
  manifest = path.join(work, "rbac.json");
  writeFileSync(manifest, JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }));
  await kubectl("apply", "-f", manifest);
  // The token as the kubelet mounts it in the pod.
  const saDir = serviceAccountDir((await kubectl("-n", ns, "create", "token", fullname, "--duration=1h")).trim(), ns);
  for (const name of ["replica-a", "replica-b"]) {
    mkdirSync(path.join(work, name));
    replicas.push(await startReplica(name, chartEnv(saDir, path.join(work, name))));
  }
  [replicaUrls.a, replicaUrls.b] = replicas.map((r) => r.url);
});

test.afterAll(async () => {
  for (const replica of replicas) {
    const code = await replica.stop();
    if (code !== 0) console.error(`${replica.name} exited with ${code}:\n${replica.output()}`);
  }
  if (manifest) await kubectl("delete", "--ignore-not-found", "--wait=false", "-f", manifest).catch(() => undefined);
  await kubectl("delete", "namespace", ns, "--wait=false").catch(() => undefined);
});

test("a session, a link and the Activity made on replica A are seen on replica B; a sign-out on B ends the session on A", async ({ page }) => {
  const { a, b } = replicaUrls;
  await page.goto(`${a}/auth?token=${encodeURIComponent(token)}&next=%2Fclusters`);
  await expect(page).toHaveURL(`${a}/clusters`);
  const clusters = new ClustersPage(page);
  const onA = clusters.card("in-cluster");
  // The cluster it runs in, reached with the ServiceAccount and its RBAC.
  await expect(onA.kubernetesVersion).toContainText(/v1\.\d+/);
  await onA.linkTo({ clusterId: "c0123456789abcdef", regionId: "cn-hangzhou" });
  await expect(onA.linkResult("in-cluster is linked to registered cluster c0123456789abcdef in cn-hangzhou.")).toBeVisible();

  // Replica B: the same cookie is a session there, and it shows A's link.
  await page.goto(`${b}/clusters`);
  await expect(page).toHaveURL(`${b}/clusters`);
  await expect(clusters.card("in-cluster").linkSummary).toContainText("c0123456789abcdef");
  const activity = new ActivityPage(page);
  await page.goto(`${b}/activity`);
  await expect(activity.entries("link-cluster").first()).toContainText("in-cluster");

  // Signed out on B: A refuses the cookie too (a copy of it, not just the browser's, since the browser deleted it).
  const cookie = (await page.context().cookies(b)).find((c) => c.name === "vnode_session")!;
  await activity.signOut();
  await expect(page).toHaveURL(/\/login/);
  await page.context().addCookies([cookie]);
  await expect
    .poll(async () => {
      await page.goto(`${a}/clusters`);
      return new URL(page.url()).pathname;
    })
    .toBe("/login");

  // Nothing was written to the replicas' own disks: the state is in the cluster.
  for (const name of ["replica-a", "replica-b"]) expect(readdirSync(path.join(work, name)).filter((f) => !f.startsWith("."))).toEqual([]);
  expect(existsSync(path.join(work, "replica-a", "vnode-console"))).toBe(false);
  const configMaps = await kubectl("-n", ns, "get", "configmaps", "-o", "name");
  expect(configMaps).toContain(`configmap/${fullname}-config`);
  expect(configMaps).toContain(`configmap/${fullname}-activity`);
  expect(configMaps).toContain(`configmap/${fullname}-revocations`);
});
