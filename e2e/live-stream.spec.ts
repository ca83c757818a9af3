import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { kubectl, signIn } from "./sandbox-helpers";

test("the SharedWorker is the one Next bundled from TypeScript, and every tab shares it", async ({ page, context, browser }) => {
  await signIn(page, "/clusters/vnode-sandbox/virtual-nodes");
  const second = await context.newPage();
  await second.goto("/clusters/vnode-sandbox/virtual-nodes");
  for (const tab of [page, second]) await expect(tab.getByTestId("stream-health")).toHaveAttribute("data-state", "live");
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send("Target.getTargets")) as { targetInfos: { type: string; url: string }[] };
  const workers = targetInfos.filter((t) => t.type === "shared_worker");
  expect(workers).toHaveLength(1);
  expect(workers[0].url).toMatch(/\/_next\/static\/chunks\/.*\.js\?params=/);
  expect((await page.request.get("/live-stream-worker.js")).status()).toBe(404); // no hand-written copy is served
  await second.close();
});

test("without SharedWorker a tab runs the same stream client itself, and stays live", async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, "SharedWorker", { value: undefined }));
  const streams: string[] = [];
  page.on("request", (request) => request.url().includes("/api/stream?") && streams.push(request.url()));
  await signIn(page, "/clusters/vnode-sandbox/virtual-nodes");
  await expect(page.getByTestId("stream-health")).toHaveAttribute("data-state", "live");
  expect(streams.length).toBeGreaterThan(0); // the tab's own EventSource, not a worker's
  const ns = `e2e-tab-${Date.now()}`;
  await kubectl("create", "namespace", ns);
  await expect.poll(() => kubectl("-n", ns, "get", "sa", "default", "-o", "name").catch(() => "")).toContain("default");
  await kubectl("-n", ns, "run", "tab-only", "--image", "nginx");
  await expect(page.locator(`[data-pod="${ns}/tab-only"]`)).toContainText("Running");
  await kubectl("delete", "namespace", ns, "--wait=false");
});

test("while the apiserver is down the badge says why in plain words, not the library's text", async ({ page }) => {
  await signIn(page, "/clusters/vnode-sandbox/virtual-nodes");
  const badge = page.getByTestId("stream-health");
  await expect(badge).toHaveAttribute("data-state", "live");
  const pid = Number(readFileSync(path.join(process.env.E2E_STATE_DIR!, "run", "kube-apiserver.pid"), "utf8"));
  process.kill(pid, "SIGKILL");
  await expect(badge).toHaveAttribute("data-state", "reconnecting", { timeout: 20_000 });
  await expect(badge).toHaveText(/^reconnecting \((refused: nothing accepts connections|the apiserver closed the connection)[^)]*\), last event \d+s ago$/);
  await expect(badge).not.toContainText(/fetch failed|terminated|ECONNREFUSED/);
  await expect.poll(() => kubectl("get", "--raw", "/readyz").catch(() => ""), { timeout: 60_000 }).toBe("ok");
  await expect(badge).toHaveAttribute("data-state", "live", { timeout: 30_000 });
});
