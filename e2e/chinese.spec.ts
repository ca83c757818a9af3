// The seed's flow for a reader of Chinese: Chromium with zh-CN as its language (Accept-Language, no cookie) gets
// the console in Chinese — headings, buttons, dialogs and the server's own messages — as the catalogue words them;
// the header's switcher then turns the same page English. Names come from messages/zh-CN.json, so the test
// follows the catalogue.
import { expect, test } from "@playwright/test";
import { createRamUserKey, listVSwitches } from "@/sandbox/virtual-kubelet/addon-install";
import { AddonsPage, ClustersPage, EciProfileSettingsPage, SignInPage, VirtualNodesPage } from "./pages";
import { resetToNothingInstalled } from "./support/addon-state";
import { type UiText, ui } from "./support/catalogue";
import { SANDBOX_CLUSTER, createNamespace, deleteNamespace, e2eSandbox, eciProfileData, kubectl } from "./support/sandbox-helpers";

test.use({ locale: "zh-CN" });

const zh = ui("zh-CN");
const en = ui("en");
const ns = `zh-${Date.now()}`;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await resetToNothingInstalled();
});

test.afterAll(async () => {
  await deleteNamespace(ns).catch(() => undefined);
});

/** A catalogue message as a pattern: its text, with any `{placeholder}` standing for some words. */
function messagePattern(t: UiText, key: Parameters<UiText["raw"]>[0]): RegExp {
  const raw = String(t.raw(key));
  return new RegExp(
    raw
      .split(/\{[^{}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".+?"),
  );
}

test("zh-CN browser: grant, install, pods on ECI, a vSwitch added, uninstall — in Chinese; a wrong AccessKey secret is said in Chinese; the switcher turns the page English", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await new SignInPage(page, zh).signInWithLink("/clusters");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("vnode-locale");
  const clusters = new ClustersPage(page, zh);
  await expect(clusters.heading).toBeVisible();
  await expect(clusters.mainNav.getByRole("link", { name: zh("nav.clusters"), exact: true })).toBeVisible();

  // Step 1 and Step 2 on the Add-ons page.
  await clusters.card(SANDBOX_CLUSTER).openAddons();
  const addons = new AddonsPage(page, SANDBOX_CLUSTER, zh);
  await expect(page.getByRole("heading", { name: zh("addons.title"), level: 1 })).toBeVisible();
  await expect(addons.addon.phase).toHaveText(zh("addons.card.phase.notInstalled"));
  await expect(addons.grant.secretStatus).toHaveText(zh("grant.noSecret"));
  await addons.grant.grantAutomatically();
  await expect(addons.grant.result).toContainText(messagePattern(zh, "server.grant.granted"));
  await expect(addons.grant.result).toContainText("ack-one-registered-cluster-policy-ack-virtual-node");

  const note = await addons.addon.startInstall();
  await expect(note.root).toContainText(zh.markup("addons.card.installNote.body", { settings: (chunks) => chunks }));
  await note.confirm();
  await expect(addons.addon.phase).toHaveText(zh("addons.card.phase.installed"), { timeout: 60_000 });

  // The virtual node and a pod on ECI, live.
  const nodes = new VirtualNodesPage(page, SANDBOX_CLUSTER, zh);
  await nodes.goto();
  await expect(nodes.heading).toBeVisible();
  await expect(nodes.streamHealth).toHaveAttribute("data-state", "live");
  await expect(nodes.virtualNode(/virtual-kubelet-cn-hangzhou-[a-z]/).first()).toBeVisible({ timeout: 60_000 });
  await createNamespace(ns);
  await kubectl("-n", ns, "run", "eci-web", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
  await expect(nodes.pod(`${ns}/eci-web`, "virtual")).toContainText("Running", { timeout: 30_000 });

  // A vSwitch in another zone, added with the picker and saved.
  await nodes.openSettings();
  const settings = new EciProfileSettingsPage(page, SANDBOX_CLUSTER, zh);
  await expect(page.getByRole("heading", { name: zh("eciProfile.page.title"), level: 1 })).toBeVisible();
  await expect(settings.form).toBeVisible();
  const before = (await eciProfileData()).vSwitchIds.split(",");
  const vSwitches = await listVSwitches(e2eSandbox().cloud!);
  const zonesBefore = new Set(before.map((id) => vSwitches.find((v) => v.vSwitchId === id)?.zoneId));
  const added = vSwitches.find((v) => !zonesBefore.has(v.zoneId) && v.vpcId === vSwitches.find((w) => w.vSwitchId === before[0])?.vpcId)!;
  await settings.addVSwitch(added.vSwitchId, added.zoneId);
  await expect(settings.selectedVSwitches.last()).toHaveAttribute("data-vswitch", added.vSwitchId);
  const save = await settings.reviewAndSave();
  await expect(save.change("vSwitchIds")).toContainText([...before, added.vSwitchId].join(","));
  await save.confirm();
  await expect(settings.saveNotice).toHaveText(zh("server.eciProfile.saved"));
  expect((await eciProfileData()).vSwitchIds).toBe([...before, added.vSwitchId].join(","));

  // Uninstall, and the virtual nodes it leaves deleted.
  await addons.goto();
  const uninstall = await addons.addon.startUninstall();
  await expect(uninstall.remainingEciPods).toContainText(`${ns}/eci-web`);
  await uninstall.confirm();
  await expect(addons.addon.phase).toHaveText(zh("addons.card.phase.notInstalled"), { timeout: 60_000 });
  await expect(addons.addon.leftoverNodes).toContainText(zh("addons.card.nodeReady", { ready: "NotReady" }), { timeout: 40_000 });
  await addons.addon.deleteLeftoverNodes();
  await expect(addons.addon.leftoverNodes).toHaveCount(0);

  // A server-side error in the reader's language: a wrong AccessKey secret in the manual grant.
  const own = await createRamUserKey(e2eSandbox().cloud!, `e2e-zh-${Date.now()}`);
  await addons.grant.grantManually({ accessKeyId: own.accessKeyId, accessKeySecret: `${own.accessKeySecret.slice(0, -4)}zzzz` });
  await expect(addons.grant.result).toHaveAttribute("role", "alert");
  await expect(addons.grant.result).toContainText(zh("errors.cloud.SignatureDoesNotMatch.titleEntered"));
  await expect(addons.grant.result).toContainText(zh("errors.cloud.SignatureDoesNotMatch.whatToDoEntered"));

  // The header's switcher: English, on the same page, with what was typed kept.
  const url = page.url();
  await addons.localeSwitcher.selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(page.url()).toBe(url);
  const english = new AddonsPage(page, SANDBOX_CLUSTER, en);
  await expect(page.getByRole("heading", { name: en("addons.title"), level: 1 })).toBeVisible();
  await expect(english.addon.phase).toHaveText(en("addons.card.phase.notInstalled"));
  await expect(english.grant.accessKeyId).toHaveValue(own.accessKeyId);
  expect((await page.context().cookies()).find((c) => c.name === "vnode-locale")?.value).toBe("en");
});
