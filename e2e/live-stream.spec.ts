import { expect, test } from "@playwright/test";
import { SignInPage, VirtualNodesPage } from "./pages";
import { createNamespace, kubectl, killApiserver, waitForApiserverReady } from "./support/sandbox-helpers";

/** Signs in straight to the Virtual Nodes page and returns it. */
async function openVirtualNodes(page: import("@playwright/test").Page) {
  const nodes = new VirtualNodesPage(page);
  await new SignInPage(page).signIn(nodes.path);
  return nodes;
}

test("the SharedWorker is the one Next bundled from TypeScript, and every tab shares it", async ({ page, context, browser }) => {
  const first = await openVirtualNodes(page);
  const second = new VirtualNodesPage(await context.newPage());
  await second.goto();
  for (const tab of [first, second]) await expect(tab.streamHealth).toHaveAttribute("data-state", "live");
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send("Target.getTargets")) as { targetInfos: { type: string; url: string }[] };
  const workers = targetInfos.filter((t) => t.type === "shared_worker");
  expect(workers).toHaveLength(1);
  expect(workers[0].url).toMatch(/\/_next\/static\/chunks\/.*\.js\?params=/);
  expect((await page.request.get("/live-stream-worker.js")).status()).toBe(404); // no hand-written copy is served
  await second.page.close();
});

test("without SharedWorker a tab runs the same stream client itself, and stays live", async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, "SharedWorker", { value: undefined }));
  const streams: string[] = [];
  page.on("request", (request) => request.url().includes("/api/stream?") && streams.push(request.url()));
  const nodes = await openVirtualNodes(page);
  await expect(nodes.streamHealth).toHaveAttribute("data-state", "live");
  expect(streams.length).toBeGreaterThan(0); // the tab's own EventSource, not a worker's
  const ns = `e2e-tab-${Date.now()}`;
  await createNamespace(ns);
  await kubectl("-n", ns, "run", "tab-only", "--image", "nginx");
  await expect(nodes.pod(`${ns}/tab-only`)).toContainText("Running");
  await kubectl("delete", "namespace", ns, "--wait=false");
});

test("while the apiserver is down the badge says why in plain words, not the library's text", async ({ page }) => {
  const badge = (await openVirtualNodes(page)).streamHealth;
  await expect(badge).toHaveAttribute("data-state", "live");
  killApiserver();
  await expect(badge).toHaveAttribute("data-state", "reconnecting", { timeout: 20_000 });
  await expect(badge).toHaveText(/^reconnecting \((refused: nothing accepts connections|the apiserver closed the connection)[^)]*\), last event \d+s ago$/);
  await expect(badge).not.toContainText(/fetch failed|terminated|ECONNREFUSED/);
  await waitForApiserverReady();
  await expect(badge).toHaveAttribute("data-state", "live", { timeout: 30_000 });
});
