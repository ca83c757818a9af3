import { expect, test } from "@playwright/test";
import { ClustersPage, SignInPage, VirtualNodesPage } from "./pages";
import { SANDBOX_CLUSTER, apiserverWatches, createNamespace, deleteNamespace, killApiserver, kubeconfigClientKey, kubectl, waitForApiserverReady } from "./support/sandbox-helpers";

test("refuses every page, route handler and server action without a session", async ({ page, request }) => {
  const pageAnswer = await request.get("/clusters/vnode-sandbox/virtual-nodes", { maxRedirects: 0 });
  expect(pageAnswer.status()).toBe(307);
  expect(pageAnswer.headers().location).toContain("/login?next=");
  const topics = encodeURIComponent(JSON.stringify([{ cluster: "vnode-sandbox", resource: "pods" }]));
  const stream = await request.get(`/api/stream?topics=${topics}`);
  expect(stream.status()).toBe(401);
  expect(await stream.text()).not.toContain("vnode-sandbox.");
  const action = await request.post("/clusters/vnode-sandbox/virtual-nodes", { headers: { "Next-Action": "0".repeat(42) }, data: "[]" });
  expect(action.status()).toBe(401);

  await new ClustersPage(page).goto();
  await expect(page).toHaveURL(/\/login\?next=%2Fclusters$/);
  const signIn = new SignInPage(page);
  await signIn.submitToken("wrong-token");
  await expect(signIn.error("That token is not right")).toBeVisible();
});

test("signs in and shows the sandbox cluster with its version, nodes and prerequisites", async ({ page }) => {
  await new SignInPage(page).signIn("/clusters");
  const clusters = new ClustersPage(page);
  const card = clusters.card(SANDBOX_CLUSTER);
  await expect(card.kubernetesVersion).toHaveText(/^v1\.\d+\.\d+$/);
  await expect(card.datacenterNodes).toHaveText("2/2 Ready");
  await expect(card.prerequisite("kubernetes-version")).toHaveAttribute("data-status", "ok");
  await expect(card.prerequisite("registered-cluster")).toHaveAttribute("data-status", "ok");
  await expect(card.prerequisite("eci-region")).toHaveAttribute("data-status", "ok");
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "vnode_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  // The kubeconfig's credentials never reach the browser.
  expect(await page.content()).not.toContain(kubeconfigClientKey().slice(0, 40));

  await clusters.signOut();
  await expect(page).toHaveURL(/\/login$/);
  await clusters.goto();
  await expect(page).toHaveURL(/\/login\?next=%2Fclusters$/);
});

test("a pod created with kubectl appears in the right lane without a reload, and the namespace toggle asks first", async ({ page }) => {
  const nodes = new VirtualNodesPage(page);
  await new SignInPage(page).signIn(nodes.path);
  await expect(nodes.streamHealth).toHaveAttribute("data-state", "live");
  const ns = `e2e-${Date.now()}`;
  await createNamespace(ns);
  await kubectl("-n", ns, "run", "web", "--image", "nginx");
  const row = nodes.pod(`${ns}/web`, "datacenter");
  await expect(row).toContainText("Running");
  await expect(row).toContainText(/10\.244\.\d+\.\d+/);
  await expect(nodes.pod(`${ns}/web`, "virtual")).toHaveCount(0);

  const dialog = await nodes.startSendingToEci(ns);
  await expect(dialog.root).toContainText(`Send new pods of ${ns} to ECI?`);
  await dialog.confirm();
  await expect(nodes.namespaceMessage(`New pods in ${ns} now go to virtual nodes`)).toBeVisible();
  await expect.poll(() => kubectl("get", "namespace", ns, "-o", "jsonpath={.metadata.labels.alibabacloud\\.com/eci}")).toBe("true");
  await expect(nodes.eciToggle(ns, "Stop sending to ECI")).toBeVisible();
  await deleteNamespace(ns);
});

test("after the apiserver is killed and restarted, the open view converges without a reload", async ({ page }) => {
  const nodes = new VirtualNodesPage(page);
  await new SignInPage(page).signIn(nodes.path);
  await expect(nodes.streamHealth).toHaveAttribute("data-state", "live");
  const ns = `e2e-crash-${Date.now()}`;
  await createNamespace(ns);
  await kubectl("-n", ns, "run", "before", "--image", "nginx");
  await expect(nodes.pod(`${ns}/before`)).toContainText("Running");

  killApiserver();
  await expect(nodes.streamHealth).toHaveAttribute("data-state", "reconnecting", { timeout: 20_000 });
  await waitForApiserverReady(60_000);
  await kubectl("-n", ns, "delete", "pod", "before", "--grace-period=0", "--force");
  await kubectl("-n", ns, "run", "after", "--image", "nginx");
  await expect(nodes.pod(`${ns}/after`)).toContainText("Running", { timeout: 30_000 });
  await expect(nodes.pod(`${ns}/before`)).toHaveCount(0);
  await expect(nodes.streamHealth).toHaveAttribute("data-state", "live");
  await deleteNamespace(ns);
});

test("12 tabs in one browser are all live on one shared stream, and the apiserver serves one watch per resource", async ({ page, context }) => {
  test.setTimeout(120_000);
  await new SignInPage(page).signIn("/clusters");
  const before = await apiserverWatches();
  const tabs: VirtualNodesPage[] = [];
  for (let i = 0; i < 12; i++) {
    const tab = new VirtualNodesPage(await context.newPage());
    await tab.goto();
    tabs.push(tab);
  }
  for (const tab of tabs) await expect(tab.streamHealth).toHaveAttribute("data-state", "live");
  const during = await apiserverWatches();
  console.log(`apiserver WATCH requests before the tabs ${JSON.stringify(before)}, with 12 tabs ${JSON.stringify(during)}`);
  for (const resource of ["pods", "nodes", "namespaces"] as const) expect(during[resource] - before[resource]).toBeLessThanOrEqual(1);

  const ns = `e2e-tabs-${Date.now()}`;
  await createNamespace(ns);
  await kubectl("-n", ns, "run", "seen-everywhere", "--image", "nginx");
  for (const tab of tabs) await expect(tab.pod(`${ns}/seen-everywhere`)).toContainText("Running");
  for (const tab of tabs) await tab.page.close();
  await deleteNamespace(ns);
});
