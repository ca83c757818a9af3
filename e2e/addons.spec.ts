import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { e2eSandbox, kubectl, signIn } from "./sandbox-helpers";

// The whole of the seed's Step 1, Step 2 and "Delete a virtual node", in Chromium, from a sandbox with nothing installed.
test.describe.configure({ mode: "serial" });

const addonsPath = "/clusters/vnode-sandbox/addons";
const bodies: string[] = [];

/** Every HTTP response body the browser receives (SSE frames are collected in the page, see below). */
function recordResponses(page: Page) {
  page.on("response", async (response) => {
    if ((response.headers()["content-type"] ?? "").includes("text/event-stream")) return;
    bodies.push(await response.text().catch(() => ""));
  });
}

/** A second EventSource in the page, on the same topics, keeps every SSE frame for the scan at the end. */
async function recordStream(page: Page) {
  await page.evaluate(() => {
    const topics = ["pods", "nodes", "namespaces"].map((resource) => ({ cluster: "vnode-sandbox", resource }));
    const frames: string[] = ((window as unknown as { __frames: string[] }).__frames = []);
    const source = new EventSource(`/api/stream?topics=${encodeURIComponent(JSON.stringify(topics))}`);
    for (const kind of ["snapshot", "change", "status", "heartbeat"]) source.addEventListener(kind, (e) => frames.push((e as MessageEvent).data));
  });
}

test("grant, install, pods on ECI, repeat safely, uninstall and delete the virtual nodes — the secret never leaves the server", async ({ page }) => {
  test.setTimeout(240_000);
  recordResponses(page);
  await signIn(page, addonsPath);
  await recordStream(page);
  const card = page.getByTestId("addon-card");
  await expect(card.getByTestId("addon-phase")).toHaveText("Not installed");
  await expect(page.getByTestId("secret-status")).toContainText("No alibaba-addon-secret yet");

  // Step 1: automatic grant, like `onectl ram-user grant --addon ack-virtual-node`.
  await page.getByRole("button", { name: "Grant automatically" }).click();
  await expect(page.getByTestId("grant-result")).toContainText(/Ram policy ack-one-registered-cluster-policy-ack-virtual-node granted to ram user ack-one-user-\w+ successfully/);
  await expect(page.getByTestId("secret-status")).toContainText(/AccessKey LTAI\*\*\*\*\w{4} · written by token-user/);

  // Step 2: Install, confirm the Note.
  const started = Date.now();
  await card.getByRole("button", { name: "Install", exact: true }).click();
  const note = page.getByRole("dialog");
  await expect(note).toContainText("The default vSwitch and security group of the cluster are used");
  await note.getByRole("button", { name: "OK" }).click();
  await expect(card.getByTestId("addon-phase")).toHaveText("Installed", { timeout: 60_000 });

  await page.goto("/clusters/vnode-sandbox/virtual-nodes");
  await recordStream(page);
  const virtualRow = page.getByTestId("virtual-node-row").filter({ hasText: /virtual-kubelet-cn-hangzhou-[a-z]/ }).first();
  await expect(virtualRow).toContainText("Ready", { timeout: Math.max(1_000, 60_000 - (Date.now() - started)) });
  console.log(`virtual node Ready on the page ${Date.now() - started} ms after OK`);

  await kubectl("run", "eci-nginx", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
  const eciPod = page.getByTestId("lane-virtual").locator('[data-pod="default/eci-nginx"]');
  await expect(eciPod).toContainText("Running", { timeout: 30_000 });
  await expect(eciPod).toContainText(/eci-\w+/);

  // Repeating the grant and the install changes nothing, and says so.
  await page.goto(addonsPath);
  await page.getByRole("button", { name: "Grant automatically" }).click();
  await expect(page.getByTestId("grant-result")).toContainText("Nothing to change");
  await card.getByRole("button", { name: "Install", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
  await expect(card.getByTestId("addon-result")).toContainText("already installed: nothing changed");

  // Uninstall: the ECI-backed pods are listed as remaining; virtual nodes turn NotReady; they can be deleted.
  await card.getByRole("button", { name: "Uninstall" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Existing Elastic Container Instances are not deleted");
  await expect(dialog.getByTestId("remaining-eci-pods")).toContainText("default/eci-nginx");
  await dialog.getByRole("button", { name: "Uninstall" }).click();
  await expect(card.getByTestId("addon-phase")).toHaveText("Not installed", { timeout: 60_000 });
  const leftovers = page.getByTestId("leftover-nodes");
  await expect(leftovers).toContainText("NotReady", { timeout: 40_000 });
  const count = await leftovers.locator("li").count();
  await (count > 1 ? leftovers.getByRole("button", { name: `Delete all ${count}` }) : leftovers.getByRole("button", { name: "Delete" })).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(leftovers).toHaveCount(0);
  expect(await kubectl("get", "nodes", "-l", "type=virtual-kubelet", "-o", "name")).toBe("");
  expect(await kubectl("-n", "kube-system", "get", "secret", "alibaba-addon-secret", "-o", "name")).toBe("secret/alibaba-addon-secret\n");

  // The Activity view has the audit trail.
  await page.goto("/activity");
  for (const action of ["grant-ram", "install-addon", "uninstall-addon", "delete-virtual-node"]) {
    await expect(page.getByTestId("activity-row").filter({ hasText: action }).first()).toBeVisible();
  }

  // Scan: the AccessKey secret appears in no response, SSE frame or log line of this run.
  const secret = Buffer.from(await kubectl("-n", "kube-system", "get", "secret", "alibaba-addon-secret", "-o", "jsonpath={.data.access-key-secret}"), "base64").toString();
  expect(secret.length).toBeGreaterThanOrEqual(20);
  await page.goto("/clusters/vnode-sandbox/virtual-nodes");
  await recordStream(page);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __frames: string[] }).__frames.length)).toBeGreaterThan(0);
  const frames = await page.evaluate(() => (window as unknown as { __frames: string[] }).__frames.join("\n"));
  const logsDir = path.join(e2eSandbox().stateDir, "logs");
  const logs = readdirSync(logsDir).map((f) => readFileSync(path.join(logsDir, f), "utf8")).join("\n");
  const where = { responses: bodies.filter((b) => b.includes(secret)).length, sseFrames: frames.includes(secret) ? 1 : 0, logs: logs.includes(secret) ? 1 : 0 };
  console.log(`secret scan: ${bodies.length} responses, ${frames.length} bytes of SSE frames, ${logs.length} bytes of logs; occurrences: ${JSON.stringify(where)}`);
  expect(where).toEqual({ responses: 0, sseFrames: 0, logs: 0 });
  expect(bodies.length).toBeGreaterThan(10);
});
