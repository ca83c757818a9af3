import { expect, test } from "@playwright/test";
import { ActivityPage, AddonsPage, SignInPage, VirtualNodesPage } from "./pages";
import { recordResponses, recordStream, sandboxLogs, streamFrames } from "./support/recorders";
import { kubectl } from "./support/sandbox-helpers";

// The whole of the seed's Step 1, Step 2 and "Delete a virtual node", in Chromium, from a sandbox with nothing installed.
test.describe.configure({ mode: "serial" });

test("grant, install, pods on ECI, repeat safely, uninstall and delete the virtual nodes — the secret never leaves the server", async ({ page }) => {
  test.setTimeout(240_000);
  const bodies = recordResponses(page);
  const addons = new AddonsPage(page);
  const nodes = new VirtualNodesPage(page);
  await new SignInPage(page).signIn(addons.path);
  await recordStream(page);
  await expect(addons.addon.phase).toHaveText("Not installed");
  await expect(addons.grant.secretStatus).toContainText("No alibaba-addon-secret yet");

  // Step 1: automatic grant, like `onectl ram-user grant --addon ack-virtual-node`.
  await addons.grant.grantAutomatically();
  await expect(addons.grant.result).toContainText(/Ram policy ack-one-registered-cluster-policy-ack-virtual-node granted to ram user ack-one-user-\w+ successfully/);
  await expect(addons.grant.secretStatus).toContainText(/AccessKey LTAI\*\*\*\*\w{4} · written by token-user/);

  // Step 2: Install, confirm the Note.
  const started = Date.now();
  const note = await addons.addon.startInstall();
  await expect(note.root).toContainText("The default vSwitch and security group of the cluster are used");
  await note.confirm();
  await expect(addons.addon.phase).toHaveText("Installed", { timeout: 60_000 });

  await nodes.goto();
  await recordStream(page);
  const virtualRow = nodes.virtualNode(/virtual-kubelet-cn-hangzhou-[a-z]/).first();
  await expect(virtualRow).toContainText("Ready", { timeout: Math.max(1_000, 60_000 - (Date.now() - started)) });
  console.log(`virtual node Ready on the page ${Date.now() - started} ms after OK`);

  await kubectl("run", "eci-nginx", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
  const eciPod = nodes.pod("default/eci-nginx", "virtual");
  await expect(eciPod).toContainText("Running", { timeout: 30_000 });
  await expect(eciPod).toContainText(/eci-\w+/);

  // Repeating the grant and the install changes nothing, and says so.
  await addons.goto();
  await addons.grant.grantAutomatically();
  await expect(addons.grant.result).toContainText("Nothing to change");
  await addons.addon.install();
  await expect(addons.addon.result).toContainText("already installed: nothing changed");

  // Uninstall: the ECI-backed pods are listed as remaining; virtual nodes turn NotReady; they can be deleted.
  const uninstall = await addons.addon.startUninstall();
  await expect(uninstall.root).toContainText("Existing Elastic Container Instances are not deleted");
  await expect(uninstall.remainingEciPods).toContainText("default/eci-nginx");
  await uninstall.confirm();
  await expect(addons.addon.phase).toHaveText("Not installed", { timeout: 60_000 });
  await expect(addons.addon.leftoverNodes).toContainText("NotReady", { timeout: 40_000 });
  await addons.addon.deleteLeftoverNodes();
  await expect(addons.addon.leftoverNodes).toHaveCount(0);
  expect(await kubectl("get", "nodes", "-l", "type=virtual-kubelet", "-o", "name")).toBe("");
  expect(await kubectl("-n", "kube-system", "get", "secret", "alibaba-addon-secret", "-o", "name")).toBe("secret/alibaba-addon-secret\n");

  // The Activity view has the audit trail.
  const activity = new ActivityPage(page);
  await activity.goto();
  for (const action of ["grant-ram", "install-addon", "uninstall-addon", "delete-virtual-node"]) {
    await expect(activity.entries(action).first()).toBeVisible();
  }

  // Scan: the AccessKey secret appears in no response, SSE frame or log line of this run.
  const secret = Buffer.from(await kubectl("-n", "kube-system", "get", "secret", "alibaba-addon-secret", "-o", "jsonpath={.data.access-key-secret}"), "base64").toString();
  expect(secret.length).toBeGreaterThanOrEqual(20);
  await nodes.goto();
  await recordStream(page);
  await expect.poll(async () => (await streamFrames(page)).length).toBeGreaterThan(0);
  const frames = (await streamFrames(page)).join("\n");
  const logs = sandboxLogs();
  const where = { responses: bodies.filter((b) => b.includes(secret)).length, sseFrames: frames.includes(secret) ? 1 : 0, logs: logs.includes(secret) ? 1 : 0 };
  console.log(`secret scan: ${bodies.length} responses, ${frames.length} bytes of SSE frames, ${logs.length} bytes of logs; occurrences: ${JSON.stringify(where)}`);
  expect(where).toEqual({ responses: 0, sseFrames: 0, logs: 0 });
  expect(bodies.length).toBeGreaterThan(10);
});
