// The seed's flow with the keyboard alone: after the sign-in link is opened, only key presses (Tab, Shift+Tab,
// Enter, Escape, arrows, typing) drive the console — no clicks, no fills. Focus moves into each dialog and comes back
// to the control that opened it.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { listVSwitches } from "@/sandbox/virtual-kubelet/addon-install";
import { AddonsPage, ClustersPage, ConfirmDialog, EciProfileSettingsPage, SaveDialog, UninstallDialog, VirtualNodesPage } from "./pages";
import { resetToNothingInstalled } from "./support/addon-state";
import { tabTo } from "./support/keyboard";
import { SANDBOX_CLUSTER, consoleToken, createNamespace, deleteNamespace, e2eSandbox, eciProfileData, kubectl } from "./support/sandbox-helpers";

const ns = `kbd-${Date.now()}`;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await resetToNothingInstalled();
});

test.afterAll(async () => {
  await deleteNamespace(ns).catch(() => undefined);
});

const endsWith = (path: string) => new RegExp(`${path.replace(/[/]/g, "\\/")}$`);

/**
 * Once an action has run, focus is on its result (the control that started it was disabled while it ran, and the
 * notice takes focus instead of leaving it on the page), so the keyboard user goes on from there.
 */
async function expectFocusOnResult(result: Locator) {
  await expect(result).toBeFocused();
}

/** Tab to a control and press Enter on it. */
async function activate(page: Page, control: Locator, options?: { backwards?: boolean }) {
  await tabTo(page, control, options);
  await page.keyboard.press("Enter");
}

/** Enter on `opener` opens a modal dialog with focus on its confirm button; Shift+Tab/Tab stay inside it. */
async function openDialog(page: Page, opener: Locator, dialog: ConfirmDialog) {
  await activate(page, opener);
  await expect(dialog.root).toBeVisible();
  await expect(dialog.confirmButton).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.cancelButton).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.confirmButton).toBeFocused();
}

test("grant, install, pods on a virtual node, a vSwitch added and saved, uninstall — by keyboard alone", async ({ page }) => {
  test.setTimeout(240_000);
  const keys = page.keyboard;
  await page.goto(`/auth?token=${encodeURIComponent(consoleToken())}&next=%2Fclusters`);
  const clusters = new ClustersPage(page);
  await expect(clusters.heading).toBeVisible();

  // Clusters → Add-ons.
  await activate(page, clusters.card(SANDBOX_CLUSTER).addonsLink());
  const addons = new AddonsPage(page);
  await expect(page).toHaveURL(endsWith(addons.path));
  await expect(addons.addon.phase).toHaveText("Not installed");

  // Step 1: Grant automatically.
  await activate(page, addons.grant.button("grant.grantAutomatically"));
  await expect(addons.grant.result).toContainText(/Ram policy ack-one-registered-cluster-policy-ack-virtual-node granted to ram user ack-one-user-\w+ successfully/);
  await expectFocusOnResult(addons.grant.result);

  // Step 2: Install opens the Note; Escape closes it with focus back on Install; Enter again, and OK.
  const install = addons.addon.installButton;
  const note = new ConfirmDialog(page, "Note", "OK");
  await openDialog(page, install, note);
  await keys.press("Escape");
  await expect(note.root).toBeHidden();
  await expect(install).toBeFocused();
  await openDialog(page, install, note);
  await keys.press("Enter");
  await expect(note.root).toBeHidden();
  await expect(addons.addon.phase).toHaveText("Installed", { timeout: 60_000 });
  await expectFocusOnResult(addons.addon.result);

  // The virtual node is Ready, and a pod labelled for ECI lands on it live; the lane's grid is walked with arrows.
  await activate(page, addons.addon.root.getByRole("link", { name: "watch pods land on virtual nodes" }));
  const nodes = new VirtualNodesPage(page);
  await expect(page).toHaveURL(endsWith(nodes.path));
  await expect(nodes.virtualNode(/virtual-kubelet-cn-hangzhou-[a-z]/).first()).toContainText("Ready", { timeout: 60_000 });
  await createNamespace(ns);
  await kubectl("-n", ns, "run", "eci-web", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
  const eciPod = nodes.pod(`${ns}/eci-web`, "virtual");
  await expect(eciPod).toContainText("Running", { timeout: 30_000 });
  const lane = nodes.virtualLane.getByRole("article").filter({ has: page.locator(`[data-pod="${ns}/eci-web"]`) });
  const grid = lane.getByRole("grid");
  await tabTo(page, grid);
  const rowId = await eciPod.getAttribute("id");
  const rows = Number(await lane.getByTestId("lane-count").getAttribute("data-pods"));
  for (let presses = 0; presses < rows && (await grid.getAttribute("aria-activedescendant")) !== rowId; presses++) await keys.press("ArrowDown");
  await expect(grid).toHaveAttribute("aria-activedescendant", rowId!);
  await expect(eciPod).toHaveAttribute("aria-selected", "true");

  // Settings: a vSwitch in another zone added from the picker, moved up and down again, a mistyped ID refused.
  await activate(page, nodes.settingsLink, { backwards: true });
  const settings = new EciProfileSettingsPage(page);
  await expect(page).toHaveURL(endsWith(settings.path));
  await expect(settings.form).toBeVisible();
  await expect(settings.streamHealth).toHaveAttribute("data-state", "live");
  const before = (await eciProfileData()).vSwitchIds.split(",");
  const vSwitches = await listVSwitches(e2eSandbox().cloud!);
  const zonesBefore = new Set(before.map((id) => vSwitches.find((v) => v.vSwitchId === id)?.zoneId));
  const added = vSwitches.find((v) => !zonesBefore.has(v.zoneId) && v.vpcId === vSwitches.find((w) => w.vSwitchId === before[0])?.vpcId)!;
  await activate(page, settings.addVSwitchButton(added.vSwitchId, added.zoneId));
  await expect(settings.selectedVSwitches.last()).toHaveAttribute("data-vswitch", added.vSwitchId);
  // The Add button left with its row: focus is on the added vSwitch's row, first on "up".
  await expect(settings.moveUpButton(added.vSwitchId)).toBeFocused();
  await keys.press("Enter");
  await expect(settings.selectedVSwitches.first()).toHaveAttribute("data-vswitch", added.vSwitchId);
  // At the top "up" is disabled: focus is kept in the row, on "down", so Enter moves it back.
  await expect(settings.moveDownButton(added.vSwitchId)).toBeFocused();
  await keys.press("Enter");
  await expect(settings.selectedVSwitches.last()).toHaveAttribute("data-vswitch", added.vSwitchId);
  const byId = settings.addById;
  await tabTo(page, byId);
  await keys.type("not-a-vswitch");
  await keys.press("Enter");
  await expect(settings.form.getByRole("alert")).toBeVisible();
  await keys.press("Control+A");
  await keys.press("Backspace");
  await expect(byId).toHaveValue("");

  // Review and save: the dialog shows the one change; Enter saves.
  const save = new SaveDialog(page);
  await openDialog(page, settings.reviewAndSaveButton, save);
  await expect(save.change("vSwitchIds")).toContainText(`added: ${[...before, added.vSwitchId].join(",")}`);
  await keys.press("Enter");
  await expect(settings.saveNotice).toContainText("Saved eci-profile.");
  await expect(save.root).toBeHidden();
  await expectFocusOnResult(settings.saveNotice);
  expect((await eciProfileData()).vSwitchIds).toBe([...before, added.vSwitchId].join(","));

  // Back to Add-ons through the main navigation; Uninstall, confirmed; the leftover virtual nodes deleted.
  await activate(page, clusters.mainNav.getByRole("link", { name: "Clusters", exact: true }), { backwards: true });
  await expect(clusters.heading).toBeVisible();
  await activate(page, clusters.card(SANDBOX_CLUSTER).addonsLink());
  await expect(addons.addon.phase).toHaveText("Installed");
  const uninstallDialog = new UninstallDialog(page);
  await openDialog(page, addons.addon.uninstallButton, uninstallDialog);
  await expect(uninstallDialog.remainingEciPods).toContainText(`${ns}/eci-web`);
  await keys.press("Enter");
  await expect(addons.addon.phase).toHaveText("Not installed", { timeout: 60_000 });
  await expect(addons.addon.leftoverNodes).toContainText("NotReady", { timeout: 40_000 });
  await openDialog(page, await addons.addon.deleteLeftoverButton(), addons.addon.deleteDialog());
  await keys.press("Enter");
  await expect(addons.addon.leftoverNodes).toHaveCount(0);
  expect(await kubectl("get", "nodes", "-l", "type=virtual-kubelet", "-o", "name")).toBe("");

  // The header's language switcher with the arrow keys: Chinese, then English again, on the same page.
  const switcher = addons.localeSwitcher;
  await tabTo(page, switcher, { backwards: true });
  await keys.press("ArrowDown");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveURL(endsWith(addons.path));
  await tabTo(page, switcher, { backwards: true });
  await keys.press("ArrowUp");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(addons.addon.phase).toHaveText("Not installed");
});
