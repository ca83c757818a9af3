import { expect, test } from "@playwright/test";
import { ActivityPage, AddonsPage, SignInPage, VirtualNodesPage } from "./pages";
import { recordResponses, recordStream, sandboxLogs, streamFrames } from "./support/recorders";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRamUserKey } from "@/sandbox/virtual-kubelet/addon-install";
import { e2eSandbox, kubeconfigClientKey, kubectl } from "./support/sandbox-helpers";

/** The AccessKey secret alibaba-addon-secret holds now (read as a user with kubectl would; kept for the scan). */
const secretInCluster = async () =>
  Buffer.from(await kubectl("-n", "kube-system", "get", "secret", "alibaba-addon-secret", "-o", "jsonpath={.data.access-key-secret}"), "base64").toString();

// The whole of the seed's Step 1, Step 2 and "Delete a virtual node", in Chromium, from a sandbox with nothing installed.
test.describe.configure({ mode: "serial" });

test("grant, install, pods on ECI, repeat safely, uninstall and delete the virtual nodes — the secret never leaves the server", async ({ page }) => {
  test.setTimeout(420_000);
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
  const secrets = [await secretInCluster()];

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

  // Rotation while the add-on runs: the controller is rolled onto the new key before the old one is deleted.
  await addons.grant.rotateAccessKey();
  await expect(addons.grant.result).toContainText("restarted ack-virtual-node-controller onto the new key", { timeout: 150_000 });
  await expect(addons.grant.result).toContainText("deleted the replaced AccessKey");
  secrets.push(await secretInCluster());
  expect(secrets[1]).not.toBe(secrets[0]);

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

  // Step 1 by hand: a wrong secret is said to be wrong, the field is kept and nothing is written; the right one is saved.
  const own = await createRamUserKey(e2eSandbox().cloud!, `e2e-manual-${Date.now()}`);
  secrets.push(own.accessKeySecret);
  await addons.grant.grantManually({ accessKeyId: own.accessKeyId, accessKeySecret: `${own.accessKeySecret.slice(0, -4)}zzzz` });
  await expect(addons.grant.result).toContainText("The AccessKey secret you entered does not belong to that AccessKey ID");
  await expect(addons.grant.accessKeyId).toHaveValue(own.accessKeyId);
  expect(await secretInCluster()).toBe(secrets[1]);
  await addons.grant.grantManually({ accessKeyId: own.accessKeyId, accessKeySecret: own.accessKeySecret });
  await addons.grant.replaceDialog().confirm();
  await expect(addons.grant.result).toContainText(`written to kube-system/alibaba-addon-secret (RAM user e2e-manual-`);
  expect(await secretInCluster()).toBe(own.accessKeySecret);

  // The Activity view has the audit trail.
  const activity = new ActivityPage(page);
  await activity.goto();
  for (const action of ["grant-ram", "install-addon", "uninstall-addon", "delete-virtual-node"]) {
    await expect(activity.entries(action).first()).toBeVisible();
  }
  for (const action of ["rotate-access-key", "write-addon-secret"]) await expect(activity.entries(action).first()).toBeVisible();

  // Scan: no AccessKey secret of this run (automatic, rotated, typed by hand), nor the cloud administrator's secret or
  // the kubeconfig's client key, appears plain or base64-encoded in any response, SSE frame, log line, the activity
  // log or a Kubernetes Event.
  const forbidden = [...secrets, e2eSandbox().cloud!.accessKeySecret, kubeconfigClientKey()].flatMap((value) => [value, Buffer.from(value).toString("base64")]);
  expect(secrets.every((value) => value.length >= 20)).toBe(true);
  await nodes.goto();
  await recordStream(page);
  await expect.poll(async () => (await streamFrames(page)).length).toBeGreaterThan(0);
  const frames = (await streamFrames(page)).join("\n");
  const logs = sandboxLogs();
  const activityLog = readFileSync(path.join(e2eSandbox().stateDir, "console", "activity.jsonl"), "utf8");
  const events = await kubectl("get", "events", "-A", "-o", "json");
  const count = (text: string) => forbidden.filter((value) => text.includes(value)).length;
  const where = { responses: bodies.filter((b) => count(b) > 0).length, sseFrames: count(frames), logs: count(logs), activityLog: count(activityLog), events: count(events) };
  console.log(
    `secret scan: ${forbidden.length / 2} secrets, plain and base64, over ${bodies.length} responses, ${frames.length} bytes of SSE frames, ${logs.length} bytes of logs, ${activityLog.length} bytes of activity log, ${events.length} bytes of Events; occurrences: ${JSON.stringify(where)}`,
  );
  expect(where).toEqual({ responses: 0, sseFrames: 0, logs: 0, activityLog: 0, events: 0 });
  expect(bodies.length).toBeGreaterThan(10);
  expect(activityLog).toContain("write-addon-secret");
});
