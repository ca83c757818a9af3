// The eci-profile settings form in Chromium against the sandbox: add a vSwitch in another zone and save (a virtual
// node for that zone appears live and an ECI pod lands there), and a concurrent `kubectl edit` yields the conflict
// view instead of being overwritten.
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { createRamUserKey, installAddon, listVSwitches, writeAddonSecret } from "@/sandbox/virtual-kubelet/addon-install";
import { ipInCidr } from "@/sandbox/virtual-kubelet/testing/setup";
import { simulationRunning, startVirtualKubeletSimulation, type VirtualKubeletSimulation } from "@/sandbox/virtual-kubelet";
import { e2eSandbox, kubectl, signIn } from "./sandbox-helpers";

const CLUSTER = "vnode-sandbox";
const SETTINGS = `/clusters/${CLUSTER}/virtual-nodes/settings`;
let simulation: VirtualKubeletSimulation | undefined;
let vSwitches: { vSwitchId: string; zoneId: string; cidrBlock: string }[];

const profileData = async () => JSON.parse(await kubectl("-n", "kube-system", "get", "cm", "eci-profile", "-o", "json")).data as Record<string, string>;
const exists = (...args: string[]) => kubectl(...args).then(() => true, () => false);

/**
 * ack-virtual-node installed through the cloud emulator's InstallClusterAddons (unless it already is: another spec
 * may have installed it), with an ECI-capable AccessKey in alibaba-addon-secret, and the add-on's controller
 * simulation running (started here when the sandbox launcher does not run it).
 */
test.beforeAll(async () => {
  test.setTimeout(180_000);
  const info = e2eSandbox();
  const cloud = info.cloud!;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(info.kubeconfig);
  if (!(await simulationRunning(info.stateDir))) simulation = await startVirtualKubeletSimulation({ kubeConfig, cloudEndpoint: cloud.endpoint, stateDir: info.stateDir });
  if (!(await exists("-n", "kube-system", "get", "secret", "alibaba-addon-secret")))
    await writeAddonSecret(kubeConfig, await createRamUserKey(cloud, `e2e-eci-profile-${Date.now()}`));
  if (!(await exists("-n", "kube-system", "get", "deploy", "ack-virtual-node-controller")) || !(await exists("-n", "kube-system", "get", "cm", "eci-profile")))
    await installAddon(cloud, info.clusters![0].clusterId);
  vSwitches = await listVSwitches(cloud);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  await expect.poll(async () => (await core.listNode({ labelSelector: "type=virtual-kubelet" })).items.length, { timeout: 60_000 }).toBeGreaterThan(0);
});

test.afterAll(async () => {
  await simulation?.stop();
});

async function openSettings(page: Page) {
  await signIn(page, SETTINGS);
  await expect(page.getByTestId("eci-profile-settings")).toBeVisible();
  await expect(page.getByTestId("stream-health")).toHaveAttribute("data-state", "live");
}

test("adding a vSwitch in another zone: diff, save, kubectl shows it, its virtual node appears live, an ECI pod lands there", async ({ page, context }) => {
  test.setTimeout(180_000);
  const before = (await profileData()).vSwitchIds.split(",");
  const zonesBefore = new Set(before.map((id) => vSwitches.find((v) => v.vSwitchId === id)!.zoneId));
  const added = vSwitches.find((v) => !zonesBefore.has(v.zoneId))!;
  const nodeName = `virtual-kubelet-${added.zoneId}`;

  await openSettings(page);
  // The Virtual Nodes page stays open in another tab: the new node must appear there without a reload.
  const nodesPage = await context.newPage();
  await nodesPage.goto(`/clusters/${CLUSTER}/virtual-nodes`);
  await expect(nodesPage.getByTestId("stream-health")).toHaveAttribute("data-state", "live");
  await expect(nodesPage.getByTestId("virtual-node-row").filter({ hasText: nodeName })).toHaveCount(0);
  await nodesPage.getByRole("link", { name: "Settings (vSwitches, security group)" }).click();
  await expect(nodesPage).toHaveURL(new RegExp(`${SETTINGS}$`));
  await nodesPage.goBack();

  await expect(page.getByText("Changes apply to new ECI pods only.")).toBeVisible();
  await expect(page.getByTestId("selected-vswitch")).toHaveCount(before.length);
  if (zonesBefore.size === 1) await expect(page.getByTestId("field-warning").filter({ hasText: "All vSwitches are in zone" })).toBeVisible();

  await page.getByRole("button", { name: `Add ${added.vSwitchId} (${added.zoneId})` }).click();
  await expect(page.getByTestId("selected-vswitch").last()).toContainText(added.vSwitchId);
  await expect(page.getByTestId("selected-vswitch").last()).toContainText(added.zoneId);
  await expect(page.getByTestId("expected-virtual-nodes")).toContainText(nodeName);
  await page.getByRole("button", { name: "Review and save" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("save-diff").locator('[data-key="vSwitchIds"]')).toContainText(`added: ${[...before, added.vSwitchId].join(",")}`);
  await expect(dialog.getByTestId("save-diff").locator("li")).toHaveCount(1);
  await dialog.getByRole("button", { name: "Save to the cluster" }).click();
  await expect(page.getByTestId("save-notice")).toContainText("Saved eci-profile.");

  const yaml = await kubectl("get", "cm", "eci-profile", "-n", "kube-system", "-o", "yaml");
  expect(yaml).toContain(`vSwitchIds: ${[...before, added.vSwitchId].join(",")}`);
  // The save is on record (activity log and a kube-system Event), and no cloud secret reached the browser.
  await expect.poll(() => kubectl("-n", "kube-system", "get", "events", "--field-selector", "reason=ConsoleSaveEciProfile", "-o", "jsonpath={.items[*].message}")).toContain(added.vSwitchId);
  expect(await page.content()).not.toContain(e2eSandbox().cloud!.accessKeySecret);

  const row = nodesPage.getByTestId("virtual-node-row").filter({ hasText: nodeName });
  await expect(row).toContainText("Ready", { timeout: 30_000 });
  await expect(row).toContainText(added.zoneId);

  const ns = `e2e-eci-${Date.now()}`;
  await kubectl("create", "namespace", ns);
  await expect.poll(() => kubectl("-n", ns, "get", "sa", "default", "-o", "name").catch(() => "")).toContain("default");
  // Pinned to the new zone, so the check says something about that zone rather than about the scheduler's pick.
  await kubectl("-n", ns, "run", "x", "--image", "nginx", "-l", "alibabacloud.com/eci=true", "--overrides", JSON.stringify({ spec: { nodeSelector: { "topology.kubernetes.io/zone": added.zoneId } } }));
  await expect.poll(async () => kubectl("-n", ns, "get", "pod", "x", "-o", "jsonpath={.status.phase} {.spec.nodeName}"), { timeout: 30_000 }).toBe(`Running ${nodeName}`);
  const podIP = await kubectl("-n", ns, "get", "pod", "x", "-o", "jsonpath={.status.podIP}");
  expect(ipInCidr(podIP, added.cidrBlock)).toBe(true);
  await expect(nodesPage.getByTestId("lane-virtual").locator(`[data-pod="${ns}/x"]`)).toContainText("Running");
  await kubectl("delete", "namespace", ns, "--wait=false");
});

test("the form follows the ConfigMap; a concurrent kubectl edit becomes the conflict view, and merging keeps both changes", async ({ page }) => {
  test.setTimeout(120_000);
  // Two vSwitches at least, so that one can be moved (the previous test leaves more; alone, this one sets them).
  if ((await profileData()).vSwitchIds.split(",").length < 2)
    await kubectl("-n", "kube-system", "patch", "cm", "eci-profile", "--type", "merge", "-p", JSON.stringify({ data: { vSwitchIds: vSwitches.slice(0, 2).map((v) => v.vSwitchId).join(",") } }));
  await openSettings(page);
  const privateZone = page.getByRole("checkbox", { name: /PrivateZone DNS/ });
  const initially = await privateZone.isChecked();

  // No unsaved edits: a change in the cluster shows up in the form by itself.
  await kubectl("-n", "kube-system", "patch", "cm", "eci-profile", "--type", "merge", "-p", JSON.stringify({ data: { enablePrivateZone: String(!initially) } }));
  await expect(privateZone).toBeChecked({ checked: !initially });

  // An unsaved edit, then `kubectl edit` by someone else: a banner says so.
  const order = (await profileData()).vSwitchIds.split(",");
  await page.getByRole("button", { name: `Move ${order[1]} up` }).click();
  await expect(page.getByRole("button", { name: `Move ${order[1]} down` })).toBeFocused();
  await kubectlEdit(`s/^data:$/data:\\n  editedBy: kubectl-edit/`);
  await expect(page.getByTestId("remote-change-banner")).toBeVisible();

  // Saving anyway: the write is refused (409) and the other change is shown.
  await page.getByRole("button", { name: "Review and save" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Save to the cluster" }).click();
  const conflict = page.getByTestId("conflict-view");
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId("their-change").locator('[data-key="editedBy"]')).toContainText("added: kubectl-edit");
  expect((await profileData()).editedBy).toBe("kubectl-edit");

  await conflict.getByRole("button", { name: "Merge and review" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("save-diff").locator("li")).toHaveCount(1);
  await dialog.getByRole("button", { name: "Save to the cluster" }).click();
  await expect(page.getByTestId("save-notice")).toContainText("Saved eci-profile.");
  const data = await profileData();
  expect(data.editedBy).toBe("kubectl-edit");
  expect(data.vSwitchIds.split(",")).toEqual([order[1], order[0], ...order.slice(2)]);
});

/** A real `kubectl edit`, with a sed script as the editor. */
async function kubectlEdit(sedScript: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "e2e-editor-"));
  const editor = path.join(dir, "editor.sh");
  writeFileSync(editor, `#!/bin/sh\nsed -i '${sedScript}' "$1"\n`);
  chmodSync(editor, 0o755);
  await promisify(execFile)("kubectl", ["-n", "kube-system", "edit", "cm", "eci-profile"], { env: { ...process.env, KUBECONFIG: e2eSandbox().kubeconfig, KUBE_EDITOR: editor } });
}

