import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eSandbox, kubectl, signIn } from "./sandbox-helpers";

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
  await page.goto("/clusters");
  await expect(page).toHaveURL(/\/login\?next=%2Fclusters$/);
  await page.getByLabel("Access token").fill("wrong-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That token is not right" })).toBeVisible();
});

test("signs in and shows the sandbox cluster with its version, nodes and prerequisites", async ({ page }) => {
  await signIn(page);
  const card = page.getByTestId("cluster-card").filter({ hasText: "vnode-sandbox" });
  await expect(card.getByTestId("k8s-version")).toHaveText(/^v1\.\d+\.\d+$/);
  await expect(card.getByTestId("dc-nodes")).toHaveText("2/2 Ready");
  await expect(card.getByTestId("prereq-kubernetes-version")).toHaveAttribute("data-status", "ok");
  await expect(card.getByTestId("prereq-registered-cluster")).toHaveAttribute("data-status", "ok");
  await expect(card.getByTestId("prereq-eci-region")).toHaveAttribute("data-status", "ok");
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "vnode_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  // The kubeconfig's credentials never reach the browser.
  const kubeconfig = readFileSync(e2eSandbox().kubeconfig, "utf8");
  const clientKey = /client-key-data: (\S+)/.exec(kubeconfig)![1];
  expect(await page.content()).not.toContain(clientKey.slice(0, 40));

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/clusters");
  await expect(page).toHaveURL(/\/login\?next=%2Fclusters$/);
});

test("a pod created with kubectl appears in the right lane without a reload, and the namespace toggle asks first", async ({ page }) => {
  await signIn(page, "/clusters/vnode-sandbox/virtual-nodes");
  await expect(page.getByTestId("stream-health")).toHaveAttribute("data-state", "live");
  const ns = `e2e-${Date.now()}`;
  await kubectl("create", "namespace", ns);
  await expect.poll(() => kubectl("-n", ns, "get", "sa", "default", "-o", "name").catch(() => "")).toContain("default");
  await kubectl("-n", ns, "run", "web", "--image", "nginx");
  const row = page.getByTestId("lane-datacenter").locator(`[data-pod="${ns}/web"]`);
  await expect(row).toContainText("Running");
  await expect(row).toContainText(/10\.244\.\d+\.\d+/);
  await expect(page.getByTestId("lane-virtual").locator(`[data-pod="${ns}/web"]`)).toHaveCount(0);

  const nsRow = page.getByTestId("namespace-row").filter({ has: page.locator(`text="${ns}"`) });
  await nsRow.getByRole("button", { name: "Send new pods to ECI" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Send new pods of ${ns} to ECI?`);
  await dialog.getByRole("button", { name: "Add the label" }).click();
  await expect(page.getByRole("status").filter({ hasText: `New pods in ${ns} now go to virtual nodes` })).toBeVisible();
  await expect.poll(() => kubectl("get", "namespace", ns, "-o", "jsonpath={.metadata.labels.alibabacloud\\.com/eci}")).toBe("true");
  await expect(nsRow.getByRole("button", { name: "Stop sending to ECI" })).toBeVisible();
  await kubectl("delete", "namespace", ns, "--wait=false");
});

test("after the apiserver is killed and restarted, the open view converges without a reload", async ({ page }) => {
  await signIn(page, "/clusters/vnode-sandbox/virtual-nodes");
  await expect(page.getByTestId("stream-health")).toHaveAttribute("data-state", "live");
  const ns = `e2e-crash-${Date.now()}`;
  await kubectl("create", "namespace", ns);
  await expect.poll(() => kubectl("-n", ns, "get", "sa", "default", "-o", "name").catch(() => "")).toContain("default");
  await kubectl("-n", ns, "run", "before", "--image", "nginx");
  await expect(page.locator(`[data-pod="${ns}/before"]`)).toContainText("Running");

  const pid = Number(readFileSync(path.join(process.env.E2E_STATE_DIR!, "run", "kube-apiserver.pid"), "utf8"));
  process.kill(pid, "SIGKILL");
  await expect(page.getByTestId("stream-health")).toHaveAttribute("data-state", "reconnecting", { timeout: 20_000 });
  await expect.poll(() => kubectl("get", "--raw", "/readyz").catch(() => ""), { timeout: 60_000 }).toBe("ok");
  await kubectl("-n", ns, "delete", "pod", "before", "--grace-period=0", "--force");
  await kubectl("-n", ns, "run", "after", "--image", "nginx");
  await expect(page.locator(`[data-pod="${ns}/after"]`)).toContainText("Running", { timeout: 30_000 });
  await expect(page.locator(`[data-pod="${ns}/before"]`)).toHaveCount(0);
  await expect(page.getByTestId("stream-health")).toHaveAttribute("data-state", "live");
  await kubectl("delete", "namespace", ns, "--wait=false");
});

test("12 tabs in one browser are all live on one shared stream, and the apiserver serves one watch per resource", async ({ page, context }) => {
  test.setTimeout(120_000);
  const watches = async () => {
    const metrics = await kubectl("get", "--raw", "/metrics");
    const count = (resource: string) => Number(metrics.split("\n").find((l) => l.startsWith("apiserver_longrunning_requests{") && l.includes(`resource="${resource}"`) && l.includes('scope="cluster"') && l.includes('verb="WATCH"'))?.split(" ").pop() ?? 0);
    return { pods: count("pods"), nodes: count("nodes"), namespaces: count("namespaces") };
  };
  await signIn(page, "/clusters");
  const before = await watches();
  const tabs = [];
  for (let i = 0; i < 12; i++) {
    const tab = await context.newPage();
    await tab.goto("/clusters/vnode-sandbox/virtual-nodes");
    tabs.push(tab);
  }
  for (const tab of tabs) await expect(tab.getByTestId("stream-health")).toHaveAttribute("data-state", "live");
  const during = await watches();
  console.log(`apiserver WATCH requests before the tabs ${JSON.stringify(before)}, with 12 tabs ${JSON.stringify(during)}`);
  for (const resource of ["pods", "nodes", "namespaces"] as const) expect(during[resource] - before[resource]).toBeLessThanOrEqual(1);

  const ns = `e2e-tabs-${Date.now()}`;
  await kubectl("create", "namespace", ns);
  await expect.poll(() => kubectl("-n", ns, "get", "sa", "default", "-o", "name").catch(() => "")).toContain("default");
  await kubectl("-n", ns, "run", "seen-everywhere", "--image", "nginx");
  for (const tab of tabs) await expect(tab.locator(`[data-pod="${ns}/seen-everywhere"]`)).toContainText("Running");
  for (const tab of tabs) await tab.close();
  await kubectl("delete", "namespace", ns, "--wait=false");
});
