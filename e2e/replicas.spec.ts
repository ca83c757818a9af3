// Two console replicas as the Helm chart runs them: the image's standalone server, in-cluster mode with the chart's
// ServiceAccount (a token minted from the sandbox apiserver, RBAC applied from the rendered chart), the environment
// of the chart's Deployment, and the shared state in the release namespace. The whole add-on flow runs against A,
// then B; sessions, links, installs and the one-at-a-time lock are shared; the apiserver's audit log shows that the
// ServiceAccount was never refused and that every rule of its roles was needed.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type Browser, type BrowserContext, expect, test } from "@playwright/test";
import { parseAllDocuments, stringify } from "yaml";
import { ensureHelmBinary } from "@/sandbox/helm/binary";
import { clearFaults, listCalls, setFaults } from "@/sandbox/cloud/admin-client";
import { ActivityPage, AddonsPage, ClustersPage, ConsolePage, EciProfileSettingsPage, SignInPage, VirtualNodesPage } from "./pages";
import { type Replica, serviceAccountDir, startReplica } from "./support/replicas";
import { SANDBOX_CLUSTER, e2eSandbox, kubectl } from "./support/sandbox-helpers";
import { auditEvents, type AuditEvent, rulesNeverUsed } from "./support/audit-log";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const chart = path.join(root, "deploy/helm/vnode-console");
const namespace = "vnode-console";
const release = "console";
const serviceAccount = `system:serviceaccount:${namespace}:${release}-vnode-console`;

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [k: string]: any };
type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } } };

test.describe.configure({ mode: "serial" });

let rendered: K8sObject[] = [];
let env: EnvVar[] = [];
let saDir = "";
const replicas: Record<string, Replica> = {};
const dataDirs: string[] = [];
let startedAt = "";

async function render(valuesFile: string): Promise<K8sObject[]> {
  const helm = await ensureHelmBinary();
  const home = mkdtempSync(path.join(os.tmpdir(), "vnode-helm-"));
  const { stdout } = await run(helm, ["template", release, chart, "--namespace", namespace, "-f", valuesFile], {
    env: { ...process.env, HELM_CACHE_HOME: `${home}/cache`, HELM_CONFIG_HOME: `${home}/config`, HELM_DATA_HOME: `${home}/data` },
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseAllDocuments(stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/** The value of a Secret's key as the kubelet would inject it (read back from the cluster). */
async function secretValue(name: string, key: string): Promise<string> {
  const encoded = await kubectl("-n", namespace, "get", "secret", name, "-o", `jsonpath={.data.${key.replace(/\./g, "\\.")}}`);
  return Buffer.from(encoded, "base64").toString();
}

/** The Deployment's container environment for one pod, resolved as the kubelet resolves it. */
async function podEnv(podName: string): Promise<Record<string, string>> {
  const resolved: Record<string, string> = {};
  for (const variable of env) {
    if (variable.value !== undefined) resolved[variable.name] = variable.value;
    else if (variable.valueFrom?.secretKeyRef) resolved[variable.name] = await secretValue(variable.valueFrom.secretKeyRef.name, variable.valueFrom.secretKeyRef.key);
    else if (variable.valueFrom?.fieldRef?.fieldPath === "metadata.name") resolved[variable.name] = podName;
    else if (variable.valueFrom?.fieldRef?.fieldPath === "metadata.namespace") resolved[variable.name] = namespace;
    else throw new Error(`the chart's env ${variable.name} uses a source this test cannot resolve`);
  }
  return resolved;
}

/** Starts a replica: the pod's environment, what the kubelet adds (service host/port, the mounted token), loopback. */
async function start(name: string): Promise<Replica> {
  const apiserver = new URL(e2eSandbox().apiserver);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `vnode-${name}-`)); // the pod's emptyDir
  dataDirs.push(dataDir);
  const replica = await startReplica(name, {
    ...(await podEnv(`${release}-vnode-console-${name}`)),
    HOSTNAME: "127.0.0.1",
    XDG_CONFIG_HOME: dataDir,
    VNODE_CONSOLE_CONFIG: path.join(dataDir, "console.json"),
    KUBERNETES_SERVICE_HOST: apiserver.hostname,
    KUBERNETES_SERVICE_PORT: apiserver.port,
    VNODE_SERVICEACCOUNT_DIR: saDir,
  });
  replicas[name] = replica;
  return replica;
}

/** A browser signed in on A. Both replicas are on 127.0.0.1: the browser sends the same cookie to each. */
async function signedInContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: replicas.a.url });
  const page = await context.newPage();
  await new SignInPage(page).signIn("/clusters", e2eSandbox().console!.token);
  await page.close();
  return context;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const sandbox = e2eSandbox();
  startedAt = new Date().toISOString();
  await kubectl("create", "namespace", namespace).catch(() => "");
  // What an operator creates before `helm install`: the sign-in token and the cloud credentials, as Secrets.
  await kubectl("-n", namespace, "create", "secret", "generic", "console-token", `--from-literal=token=${sandbox.console!.token}`).catch(() => "");
  await kubectl(
    "-n",
    namespace,
    "create",
    "secret",
    "generic",
    "cloud-credentials",
    `--from-literal=ALIBABA_CLOUD_ACCESS_KEY_ID=${sandbox.cloud!.accessKeyId}`,
    `--from-literal=ALIBABA_CLOUD_ACCESS_KEY_SECRET=${sandbox.cloud!.accessKeySecret}`,
  ).catch(() => "");
  const values = path.join(mkdtempSync(path.join(os.tmpdir(), "vnode-values-")), "values.yaml");
  writeFileSync(
    values,
    [
      // The single-user token mode acts with the ServiceAccount itself: no impersonation, no access reviews (the OIDC
      // tests cover those rules).
      "rbac: {impersonation: false, subjectAccessReviews: false}",
      "auth:",
      "  secureCookies: false", // plain HTTP on loopback in this test; TLS at the Ingress in a cluster
      "  token: {existingSecret: console-token, key: token}",
      "cloud:",
      `  regionId: ${sandbox.cloud!.regionId}`,
      "  credentials: {mode: secret, secret: {name: cloud-credentials}}",
      "clusters:",
      `  inCluster: {enabled: true, name: ${SANDBOX_CLUSTER}}`,
      "extraEnv:", // a private OpenAPI gateway, here the sandbox's cloud emulator
      `  - {name: VNODE_ALIBABA_CLOUD_ENDPOINT, value: "${sandbox.cloud!.endpoint}"}`,
      "  - {name: VNODE_ALIBABA_CLOUD_PROTOCOL, value: http}",
    ].join("\n"),
  );
  rendered = await render(values);
  // Everything but the workload itself (its pods are these two processes) and what needs a real network (Service,
  // NetworkPolicy, PodDisruptionBudget apply too: they are plain objects to the apiserver).
  const objects = rendered.filter((o) => o.kind !== "Deployment");
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "vnode-chart-")), "objects.yaml");
  writeFileSync(file, objects.map((o) => stringify(o)).join("---\n"));
  await kubectl("apply", "-f", file);
  const deployment = rendered.find((o) => o.kind === "Deployment")!;
  env = deployment.spec.template.spec.containers[0].env;
  const token = (await kubectl("-n", namespace, "create", "token", `${release}-vnode-console`, "--duration", "2h")).trim();
  saDir = serviceAccountDir(token, namespace);
  // Start from no add-on Secret: the grant below creates it as on a new cluster.
  await kubectl("-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
  await Promise.all([start("a"), start("b")]);
});

test.afterAll(async () => {
  for (const replica of Object.values(replicas)) await replica.stop("SIGKILL");
});

test("a session made on A works on B; signing out on A ends it on B too", async ({ browser }) => {
  const context = await signedInContext(browser);
  const onB = await context.newPage();
  const clustersOnB = new ClustersPage(onB);
  await onB.goto(`${replicas.b.url}/clusters`);
  await expect(clustersOnB.heading).toBeVisible();
  await expect(clustersOnB.card(SANDBOX_CLUSTER).kubernetesVersion).toContainText("v1.36");

  const onA = await context.newPage();
  await onA.goto(`${replicas.a.url}/clusters`);
  const cookie = (await context.cookies(replicas.a.url)).find((c) => c.httpOnly);
  expect(cookie, "the session cookie").toBeTruthy();
  await new ConsolePage(onA).signOut();
  await expect(onA).toHaveURL(/\/login/);
  // The copied cookie, replayed against B: B reads the revocation A wrote (its cache of the list lasts 2 s).
  const signedOutAt = Date.now();
  const replayOnB = () =>
    fetch(`${replicas.b.url}/api/stream?topics=${encodeURIComponent(JSON.stringify([{ cluster: SANDBOX_CLUSTER, resource: "nodes" }]))}`, {
      headers: { cookie: `${cookie!.name}=${cookie!.value}` },
    }).then(async (answer) => {
      await answer.body?.cancel();
      return answer.status;
    });
  await expect.poll(replayOnB, { timeout: 10_000 }).toBe(401);
  console.log(`a session signed out on A was refused by B ${Date.now() - signedOutAt} ms later`);
  await context.close();
});

test("a link edited on A shows on B", async ({ browser }) => {
  const context = await signedInContext(browser);
  const clusterId = e2eSandbox().clusters![0].clusterId;
  const onA = new ClustersPage(await context.newPage());
  await onA.page.goto(`${replicas.a.url}/clusters`);
  await onA.card(SANDBOX_CLUSTER).linkTo({ clusterId, regionId: "cn-shanghai" });
  await expect(onA.card(SANDBOX_CLUSTER).linkSummary).toContainText("cn-shanghai");
  const onB = new ClustersPage(await context.newPage());
  await onB.page.goto(`${replicas.b.url}/clusters`);
  await expect(onB.card(SANDBOX_CLUSTER).linkSummary).toContainText("cn-shanghai");
  // Back to the right region, again from B, seen on A.
  await onB.card(SANDBOX_CLUSTER).linkTo({ clusterId, regionId: e2eSandbox().clusters![0].regionId });
  await expect(onB.card(SANDBOX_CLUSTER).linkSummary).toContainText(e2eSandbox().clusters![0].regionId);
  await onA.page.reload();
  await expect(onA.card(SANDBOX_CLUSTER).linkSummary).toContainText(e2eSandbox().clusters![0].regionId);
  // Each replica's Activity shows the other's change.
  const activityOnA = new ActivityPage(onA.page);
  await onA.page.goto(`${replicas.a.url}/activity`);
  await expect(activityOnA.entries("link-cluster").first()).toContainText(SANDBOX_CLUSTER);
  await context.close();
});

test("the add-on flow against A, then B; two installs clicked at once on A and B run once", async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await signedInContext(browser);
  const addonsOnA = new AddonsPage(await context.newPage());
  await addonsOnA.page.goto(`${replicas.a.url}${addonsOnA.path}`);
  await addonsOnA.grant.grantAutomatically();
  await expect(addonsOnA.grant.result).toContainText(/Ram policy ack-one-registered-cluster-policy-ack-virtual-node granted to ram user ack-one-user-\w+ successfully/);

  const addonsOnB = new AddonsPage(await context.newPage());
  await addonsOnB.page.goto(`${replicas.b.url}${addonsOnB.path}`);
  await addonsOnB.grant.grantAutomatically();
  await expect(addonsOnB.grant.result).toContainText("Nothing to change");

  // Start from "not installed" (an earlier spec may have left the add-on installed): uninstall on A first.
  await expect(addonsOnA.addon.phase).toHaveText(/^(Not installed|Installed)$/, { timeout: 30_000 });
  if ((await addonsOnA.addon.phase.textContent()) === "Installed") {
    await (await addonsOnA.addon.startUninstall()).confirm();
    await expect(addonsOnA.addon.phase).toHaveText("Not installed", { timeout: 60_000 });
    await expect(addonsOnA.addon.leftoverNodes).toContainText("NotReady", { timeout: 40_000 });
    await addonsOnA.addon.deleteLeftoverNodes();
    await expect(addonsOnA.addon.leftoverNodes).toHaveCount(0);
    await addonsOnB.page.reload();
  }

  const cloud = e2eSandbox().cloud!;
  const installsBefore = (await listCalls(cloud)).filter((c) => c.action === "InstallClusterAddons").length;
  const [noteA, noteB] = [await addonsOnA.addon.startInstall(), await addonsOnB.addon.startInstall()];
  await Promise.all([noteA.confirm(), noteB.confirm()]);
  await expect(addonsOnA.addon.phase).toHaveText("Installed", { timeout: 60_000 });
  await expect(addonsOnB.addon.phase).toHaveText("Installed", { timeout: 60_000 });
  const installs = (await listCalls(cloud)).filter((c) => c.action === "InstallClusterAddons").length - installsBefore;
  expect(installs, "InstallClusterAddons calls for two clicks on two replicas").toBe(1);

  const nodesOnB = new VirtualNodesPage(await context.newPage());
  await nodesOnB.page.goto(`${replicas.b.url}${nodesOnB.path}`);
  await expect(nodesOnB.virtualNode(/virtual-kubelet-cn-hangzhou-[a-z]/).first()).toContainText("Ready", { timeout: 60_000 });
  // The eci-profile form on B: read (and followed live) through the chart's named-ConfigMap rule.
  const settingsOnB = new EciProfileSettingsPage(await context.newPage());
  await settingsOnB.page.goto(`${replicas.b.url}${settingsOnB.path}`);
  await expect(settingsOnB.selectedVSwitches).not.toHaveCount(0);
  const ns = `e2e-replica-${Date.now()}`;
  await kubectl("create", "namespace", ns);
  await (await nodesOnB.startSendingToEci(ns)).confirm();
  await expect(nodesOnB.namespaceMessage(`New pods in ${ns} now go to virtual nodes`)).toBeVisible();
  await kubectl("delete", "namespace", ns, "--wait=false");

  // Key rotation on A while the add-on runs: the Secret is replaced and the controller rolled onto the new key.
  await addonsOnA.grant.rotateAccessKey();
  await expect(addonsOnA.grant.result).toContainText("restarted ack-virtual-node-controller onto the new key", { timeout: 150_000 });

  // The rotation's Lease, given back by A, lets B act (measured: how long after A's answer it is free).
  const answeredAt = Date.now();
  await expect.poll(async () => (await kubectl("-n", namespace, "get", "leases", "-o", "jsonpath={.items[*].spec.holderIdentity}")).trim(), { timeout: 45_000 }).toBe("");
  console.log(`the action Lease was free ${Date.now() - answeredAt} ms after A answered the rotation`);
  const uninstall = await addonsOnB.addon.startUninstall();
  await uninstall.confirm();
  // A refusal leaves the phase as it is: the poll says the refusal's words rather than only the phase that did not move.
  const refusal = addonsOnB.addon.root.getByRole("alert");
  await expect
    .poll(async () => ((await refusal.count()) > 0 ? `refused: ${await refusal.first().textContent()}` : await addonsOnB.addon.phase.textContent()), { timeout: 60_000 })
    .toBe("Not installed");
  await expect(addonsOnB.addon.leftoverNodes).toContainText("NotReady", { timeout: 40_000 });
  await addonsOnB.addon.deleteLeftoverNodes();
  await expect(addonsOnB.addon.leftoverNodes).toHaveCount(0);
  await context.close();
});

test("an install started on A is followed to the end on B after A is killed", async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await signedInContext(browser);
  // ACK's tasks take tens of seconds; the emulator's are instant unless told otherwise.
  const cloud = e2eSandbox().cloud!;
  await setFaults(cloud, { addonTaskMs: 8_000 });
  const addonsOnA = new AddonsPage(await context.newPage());
  await addonsOnA.page.goto(`${replicas.a.url}${addonsOnA.path}`);
  try {
    await addonsOnA.addon.install();
    await expect(addonsOnA.addon.phase).toHaveText(/Installing/);
    await replicas.a.stop("SIGKILL");
  } finally {
    await clearFaults(cloud);
  }

  const addonsOnB = new AddonsPage(await context.newPage());
  await addonsOnB.page.goto(`${replicas.b.url}${addonsOnB.path}`);
  await expect(addonsOnB.addon.phase).toHaveText(/Installing/);
  await expect(addonsOnB.addon.phase).toHaveText("Installed", { timeout: 90_000 });

  // Leave the sandbox as the other specs expect it: nothing installed, no virtual nodes.
  await (await addonsOnB.addon.startUninstall()).confirm();
  await expect(addonsOnB.addon.phase).toHaveText("Not installed", { timeout: 60_000 });
  await expect(addonsOnB.addon.leftoverNodes).toContainText("NotReady", { timeout: 40_000 });
  await addonsOnB.addon.deleteLeftoverNodes();
  await expect(addonsOnB.addon.leftoverNodes).toHaveCount(0);
  await context.close();
});

test("neither replica wrote a local file: links, sessions, revocations, locks and the Activity are in the release namespace", async () => {
  for (const dir of dataDirs) expect(readdirSync(dir), dir).toEqual([]);
  const configMaps = await kubectl("-n", namespace, "get", "configmaps", "-o", "name");
  for (const name of ["config", "activity", "revocations"]) expect(configMaps).toContain(`configmap/${release}-vnode-console-${name}`);
  expect(await kubectl("-n", namespace, "get", "leases", "-o", "name")).not.toBe("");
});

test("the apiserver's audit log: the ServiceAccount was never refused, and every rule of its roles was used", async () => {
  const events: AuditEvent[] = auditEvents(path.join(e2eSandbox().stateDir, "logs"), startedAt).filter((e) => e.user.username === serviceAccount);
  expect(events.length, "requests by the console's ServiceAccount").toBeGreaterThan(50);
  const refused = events.filter((e) => e.responseStatus?.code === 403);
  expect(
    refused.map((e) => `${e.verb} ${e.requestURI}`),
    "403 answers to the ServiceAccount",
  ).toEqual([]);
  const roles = rendered.filter((o) => o.kind === "ClusterRole" || o.kind === "Role");
  console.log(
    `audit log: ${events.length} requests by ${serviceAccount}, ${refused.length} refused; ${roles.reduce((n, r) => n + r.rules.length, 0)} rules in ${roles.length} roles`,
  );
  expect(rulesNeverUsed(roles as never, events), "rules no request needed (the role is not minimal)").toEqual([]);
});
