// axe-core's WCAG 2.1 A/AA rules on every page and every dialog of the console, in English and in Chinese, empty and
// populated: the sandbox goes through the seed's flow (grant, install, pods on ECI, uninstall, delete the leftover
// node) and each state is checked in both languages. Leaves the sandbox as it found it (nothing installed, no Secret).
import { type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { createRamUserKey } from "@/sandbox/virtual-kubelet/addon-install";
import { ActivityPage, AddonsPage, ClustersPage, EciProfileSettingsPage, SignInPage, VirtualNodesPage } from "./pages";
import { axeChecks, expectNoAxeViolations } from "./support/axe";
import { chooseLocale, LOCALES, type Locale, ui } from "./support/catalogue";
import { SANDBOX_CLUSTER, createNamespace, deleteNamespace, e2eSandbox, kubectl, kubectlSucceeds } from "./support/sandbox-helpers";

test.describe.configure({ mode: "serial" });

let context: BrowserContext;
let page: Page;
let baseURL: string;
const ns = `a11y-${Date.now()}`;

test.beforeAll(async ({ browser }) => {
  baseURL = test.info().project.use.baseURL!;
  context = await browser.newContext({ baseURL });
  page = await context.newPage();
  // The spec starts where a fresh sandbox is (it runs first in a full run, and leaves things so for addons.spec).
  expect(await kubectlSucceeds("-n", "kube-system", "get", "deploy", "ack-virtual-node-controller"), "ack-virtual-node is not installed").toBe(false);
  expect(await kubectl("get", "nodes", "-l", "type=virtual-kubelet", "-o", "name"), "no virtual node").toBe("");
});

test.afterAll(async () => {
  console.log(
    `axe: ${axeChecks.length} checks (pages and dialogs × en, zh-CN), ${axeChecks.reduce((n, c) => n + c.violations, 0)} violations; ` +
      axeChecks
        .filter((c) => c.violations > 0)
        .map((c) => `${c.where}: ${c.violations}`)
        .join("; "),
  );
  await context?.close();
  await deleteNamespace(ns).catch(() => undefined);
  // addons.spec, next in a full run, starts from "No alibaba-addon-secret yet".
  await kubectl("-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
});

/** Reloads the page in `locale` (the switcher's cookie), checks `<html lang>`, then waits for what shows it is ready. */
async function showIn(locale: Locale, ready: () => Promise<void>) {
  await chooseLocale(context, baseURL, locale);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await ready();
}

/** The page as it is, in both languages. */
async function checkPage(where: string, ready: () => Promise<void>) {
  for (const locale of LOCALES) {
    await showIn(locale, ready);
    await expectNoAxeViolations(page, `${where} [${locale}]`);
  }
}

/** A modal dialog opened by `open`, in both languages; Escape closes it again (nothing is confirmed). */
async function checkDialog(where: string, ready: () => Promise<void>, open: () => Promise<unknown>) {
  for (const locale of LOCALES) {
    await showIn(locale, ready);
    await open();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page, `${where} dialog [${locale}]`);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  }
}

const visible = (locator: Locator) => async () => void (await expect(locator).toBeVisible());

test("sign-in page, and its wrong-token error", async () => {
  await page.goto("/login?next=%2Fclusters");
  for (const locale of LOCALES) {
    const t = ui(locale);
    const token = page.getByLabel(t("login.tokenLabel"));
    await showIn(locale, visible(token));
    await expectNoAxeViolations(page, `sign-in [${locale}]`);
    await token.fill("not-the-token");
    await page.getByRole("button", { name: t("login.signIn") }).click();
    await expect(page.getByRole("alert").filter({ hasText: t("login.wrongToken") })).toBeVisible();
    await expectNoAxeViolations(page, `sign-in with the wrong-token error [${locale}]`);
  }
});

test("not-found pages: an unknown URL, an unknown cluster", async () => {
  // Signed out, every URL leads to the sign-in page; the sign-in link is the one `npm start` printed.
  await new SignInPage(page).signInWithLink("/clusters");
  const notFound = page.getByTestId("not-found");
  await page.goto("/no-such-page");
  await checkPage("not found (unknown URL)", visible(notFound));
  await page.goto("/clusters/no-such-cluster/addons");
  await checkPage("not found (unknown cluster)", visible(notFound));
});

test("Clusters, with the ACK link form and the prerequisites open", async () => {
  const clusters = new ClustersPage(page);
  await clusters.goto();
  const card = clusters.card(SANDBOX_CLUSTER);
  await checkPage("Clusters", visible(card.datacenterNodes));
  for (const locale of LOCALES) {
    await showIn(locale, visible(card.datacenterNodes));
    // Both disclosures open: the ACK link form and the prerequisites (closed when all are met).
    for (const summary of await card.root.locator("details > summary").all()) await summary.click();
    await expect(card.linkClusterId).toBeVisible();
    await expect(card.prerequisite("eci-region")).toBeVisible();
    await expectNoAxeViolations(page, `Clusters, link form and prerequisites open [${locale}]`);
  }
});

test("before the grant: Add-ons, Virtual Nodes empty, settings without eci-profile, Activity", async () => {
  const addons = new AddonsPage(page);
  await addons.goto();
  await checkPage("Add-ons, nothing granted or installed", visible(addons.addon.phase));
  const nodes = new VirtualNodesPage(page);
  await nodes.goto();
  await checkPage("Virtual Nodes, no virtual node", async () => expect(nodes.streamHealth).toHaveAttribute("data-state", "live"));
  await new EciProfileSettingsPage(page).goto();
  await checkPage("eci-profile settings, no eci-profile", visible(page.getByRole("heading", { level: 1 })));
  await new ActivityPage(page).goto();
  await checkPage("Activity", visible(page.getByRole("heading", { level: 1 })));
});

test("the grant: the result, the rotate dialog, a refused manual grant and the replace dialog", async () => {
  test.setTimeout(90_000);
  const addons = new AddonsPage(page);
  const ready = visible(addons.addon.phase);
  await addons.goto();
  // The first grant writes the Secret; the second (in the other language) says there is nothing to change.
  for (const locale of LOCALES) {
    await showIn(locale, ready);
    await addons.grant.grantAutomatically();
    await expect(addons.grant.result).toBeVisible();
    await expect(addons.grant.secretStatus).toContainText("LTAI");
    await expectNoAxeViolations(page, `Add-ons, grant result [${locale}]`);
  }
  await checkPage("Add-ons, Secret present", ready);
  await checkDialog("Rotate AccessKey", ready, () => addons.grant.root.getByRole("button", { name: "Rotate AccessKey" }).click());

  const own = await createRamUserKey(e2eSandbox().cloud!, `e2e-a11y-${Date.now()}`);
  for (const locale of LOCALES) {
    await showIn(locale, ready);
    await addons.grant.grantManually({ accessKeyId: own.accessKeyId, accessKeySecret: `${own.accessKeySecret.slice(0, -4)}zzzz` });
    await expect(addons.grant.root.getByRole("alert")).toBeVisible();
    await expectNoAxeViolations(page, `Add-ons, manual grant refused (wrong secret) [${locale}]`);
  }
  await checkDialog("Replace the AccessKey (manual grant)", ready, async () => {
    await addons.grant.grantManually(own);
    await expect(addons.grant.replaceDialog().root).toBeVisible();
  });
});

test("install: the Note dialog, then Add-ons installed", async () => {
  test.setTimeout(90_000);
  const addons = new AddonsPage(page);
  const ready = visible(addons.addon.phase);
  await addons.goto();
  await checkDialog("Install (the Note)", ready, () => addons.addon.startInstall());
  await showIn("en", ready);
  await addons.addon.install();
  await expect(addons.addon.phase).toHaveText("Installed", { timeout: 60_000 });
  await expect(addons.addon.virtualNodeCount).toHaveText(/^([1-9]\d*)\/\1 virtual nodes Ready$/, { timeout: 60_000 });
  await checkPage("Add-ons, installed", ready);
});

test("Virtual Nodes with live pods on ECI, and the namespace dialog", async () => {
  test.setTimeout(90_000);
  await createNamespace(ns);
  await kubectl("-n", ns, "run", "eci-web", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
  await kubectl("-n", ns, "run", "dc-web", "--image", "nginx");
  const nodes = new VirtualNodesPage(page);
  await nodes.goto();
  const ready = async () => {
    await expect(nodes.streamHealth).toHaveAttribute("data-state", "live");
    await expect(nodes.pod(`${ns}/eci-web`, "virtual")).toContainText("Running", { timeout: 30_000 });
    await expect(nodes.pod(`${ns}/dc-web`, "datacenter")).toContainText("Running");
  };
  await checkPage("Virtual Nodes, pods on ECI and on data-center nodes", ready);
  await checkDialog("Send new pods to ECI (namespace)", ready, () => nodes.eciToggle(ns, "Send new pods to ECI").click());
});

test("eci-profile settings: the form, a refused vSwitch ID, and the save dialog", async () => {
  const settings = new EciProfileSettingsPage(page);
  await settings.goto();
  const ready = async () => {
    await expect(settings.form).toBeVisible();
    await expect(settings.streamHealth).toHaveAttribute("data-state", "live");
  };
  await checkPage("eci-profile settings", ready);
  const available = page.getByTestId("available-vswitch").first();
  for (const locale of LOCALES) {
    await showIn(locale, ready);
    await page.getByLabel("Add a vSwitch by ID").fill("not-a-vswitch");
    await page.getByRole("button", { name: "Add ID", exact: true }).click();
    await expect(settings.form.getByRole("alert")).toBeVisible();
    await expectNoAxeViolations(page, `eci-profile settings, refused vSwitch ID [${locale}]`);
  }
  await checkDialog("Save eci-profile (a vSwitch added)", ready, async () => {
    await available.getByRole("button").click();
    await settings.reviewAndSave();
  });
});

test("uninstall: the dialog listing the ECI pods that keep running, then deleting the leftover node", async () => {
  test.setTimeout(120_000);
  const addons = new AddonsPage(page);
  const ready = visible(addons.addon.phase);
  await addons.goto();
  await checkDialog("Uninstall ack-virtual-node", ready, async () => {
    const dialog = await addons.addon.startUninstall();
    await expect(dialog.remainingEciPods).toContainText(`${ns}/eci-web`);
  });
  await showIn("en", ready);
  await (await addons.addon.startUninstall()).confirm();
  await expect(addons.addon.phase).toHaveText("Not installed", { timeout: 60_000 });
  await expect(addons.addon.leftoverNodes).toContainText("NotReady", { timeout: 40_000 });
  await checkPage("Add-ons, leftover virtual nodes", visible(addons.addon.leftoverNodes));
  await checkDialog("Delete the leftover virtual node", visible(addons.addon.leftoverNodes), () =>
    addons.addon.leftoverNodes
      .getByRole("button", { name: /^Delete/ })
      .last()
      .click(),
  );
  await showIn("en", visible(addons.addon.leftoverNodes));
  await addons.addon.deleteLeftoverNodes();
  await expect(addons.addon.leftoverNodes).toHaveCount(0);
  await new ActivityPage(page).goto();
  await checkPage("Activity, with entries", visible(page.getByRole("table")));
  expect(await kubectl("get", "nodes", "-l", "type=virtual-kubelet", "-o", "name")).toBe("");
});
