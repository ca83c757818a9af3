// axe-core's WCAG 2.1 A/AA rules on every page and every dialog of the console, in English and in Chinese, empty and
// populated: the sandbox goes through the seed's flow (grant, install, pods on ECI, uninstall, delete the leftover
// node) and each state is checked in both languages. Leaves the sandbox as it found it (nothing installed, no Secret).
import { type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { createRamUserKey } from "@/sandbox/virtual-kubelet/addon-install";
import { ActivityPage, AddonsPage, ClustersPage, EciProfileSettingsPage, SignInPage, VirtualNodesPage } from "./pages";
import { resetToNothingInstalled } from "./support/addon-state";
import { axeChecks, expectNoAxeViolations } from "./support/axe";
import { chooseLocale, LOCALES, type Locale, type UiText, ui } from "./support/catalogue";
import { SANDBOX_CLUSTER, createNamespace, deleteNamespace, e2eSandbox, kubectl } from "./support/sandbox-helpers";

test.describe.configure({ mode: "serial" });

let context: BrowserContext;
let page: Page;
let baseURL: string;
const ns = `a11y-${Date.now()}`;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  baseURL = test.info().project.use.baseURL!;
  context = await browser.newContext({ baseURL });
  page = await context.newPage();
  // From a fresh sandbox's state (it runs first in a full run, and leaves things so for addons.spec).
  await resetToNothingInstalled();
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

/** What shows a page is ready, found by the names it has in the language `t` speaks. */
type Ready = (t: UiText) => Promise<unknown>;

/**
 * Reloads the page in `locale` (the switcher's cookie), checks `<html lang>`, then waits for what shows it is ready.
 * Returns the locale's translator, for the page objects' names.
 */
async function showIn(locale: Locale, ready: Ready): Promise<UiText> {
  const t = ui(locale);
  await chooseLocale(context, baseURL, locale);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await ready(t);
  return t;
}

/** The page as it is, in both languages. */
async function checkPage(where: string, ready: Ready) {
  for (const locale of LOCALES) {
    await showIn(locale, ready);
    await expectNoAxeViolations(page, `${where} [${locale}]`);
  }
}

/** A modal dialog opened by `open`, in both languages; Escape closes it again (nothing is confirmed). */
async function checkDialog(where: string, ready: Ready, open: (t: UiText) => Promise<unknown>) {
  for (const locale of LOCALES) {
    const t = await showIn(locale, ready);
    await open(t);
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page, `${where} dialog [${locale}]`);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  }
}

const visible = (locator: Locator) => () => expect(locator).toBeVisible();
const addonsIn = (t: UiText) => new AddonsPage(page, SANDBOX_CLUSTER, t);
/** The Add-ons page is ready once its phase badge shows. */
const addonsReady: Ready = (t) => expect(addonsIn(t).addon.phase).toBeVisible();

test("sign-in page, and its wrong-token error", async () => {
  await page.goto("/login?next=%2Fclusters");
  for (const locale of LOCALES) {
    const t = ui(locale);
    const signIn = new SignInPage(page, t);
    await showIn(locale, visible(signIn.token));
    await expectNoAxeViolations(page, `sign-in [${locale}]`);
    await signIn.submitToken("not-the-token");
    await expect(signIn.error(t("login.wrongToken"))).toBeVisible();
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
  await new ClustersPage(page).goto();
  const cardIn = (t: UiText) => new ClustersPage(page, t).card(SANDBOX_CLUSTER);
  const ready: Ready = (t) => expect(cardIn(t).datacenterNodes).toBeVisible();
  await checkPage("Clusters", ready);
  for (const locale of LOCALES) {
    const card = cardIn(await showIn(locale, ready));
    // Both disclosures open: the ACK link form and the prerequisites (closed when all are met).
    for (const summary of await card.root.locator("details > summary").all()) await summary.click();
    await expect(card.linkClusterId).toBeVisible();
    await expect(card.prerequisite("eci-region")).toBeVisible();
    await expectNoAxeViolations(page, `Clusters, link form and prerequisites open [${locale}]`);
  }
});

test("before the grant: Add-ons, Virtual Nodes empty, settings without eci-profile, Activity", async () => {
  await new AddonsPage(page).goto();
  await checkPage("Add-ons, nothing granted or installed", addonsReady);
  await new VirtualNodesPage(page).goto();
  await checkPage("Virtual Nodes, no virtual node", async (t) => {
    const nodes = new VirtualNodesPage(page, SANDBOX_CLUSTER, t);
    await expect(nodes.heading).toBeVisible();
    await expect(nodes.streamHealth).toHaveAttribute("data-state", "live");
  });
  await new EciProfileSettingsPage(page).goto();
  await checkPage("eci-profile settings, no eci-profile", (t) => expect(page.getByRole("heading", { name: t("eciProfile.page.title"), level: 1 })).toBeVisible());
  await new ActivityPage(page).goto();
  await checkPage("Activity", (t) => expect(new ActivityPage(page, t).heading).toBeVisible());
});

test("the grant: the result, the rotate dialog, a refused manual grant and the replace dialog", async () => {
  test.setTimeout(90_000);
  await new AddonsPage(page).goto();
  // The first grant writes the Secret; the second (in the other language) says there is nothing to change.
  for (const locale of LOCALES) {
    const addons = addonsIn(await showIn(locale, addonsReady));
    await addons.grant.grantAutomatically();
    await expect(addons.grant.result).toBeVisible();
    await expect(addons.grant.secretStatus).toContainText("LTAI");
    await expectNoAxeViolations(page, `Add-ons, grant result [${locale}]`);
  }
  await checkPage("Add-ons, Secret present", addonsReady);
  await checkDialog("Rotate AccessKey", addonsReady, (t) => addonsIn(t).grant.button("grant.rotate").click());

  const own = await createRamUserKey(e2eSandbox().cloud!, `e2e-a11y-${Date.now()}`);
  for (const locale of LOCALES) {
    const addons = addonsIn(await showIn(locale, addonsReady));
    await addons.grant.grantManually({ accessKeyId: own.accessKeyId, accessKeySecret: `${own.accessKeySecret.slice(0, -4)}zzzz` });
    await expect(addons.grant.root.getByRole("alert")).toBeVisible();
    await expectNoAxeViolations(page, `Add-ons, manual grant refused (wrong secret) [${locale}]`);
  }
  await checkDialog("Replace the AccessKey (manual grant)", addonsReady, async (t) => {
    const addons = addonsIn(t);
    await addons.grant.grantManually(own);
    await expect(addons.grant.replaceDialog().root).toBeVisible();
  });
});

test("install: the Note dialog, then Add-ons installed", async () => {
  test.setTimeout(90_000);
  const addons = new AddonsPage(page);
  await addons.goto();
  await checkDialog("Install (the Note)", addonsReady, (t) => addonsIn(t).addon.startInstall());
  await showIn("en", addonsReady);
  await addons.addon.install();
  await expect(addons.addon.phase).toHaveText("Installed", { timeout: 60_000 });
  await expect(addons.addon.virtualNodeCount).toHaveText(/^([1-9]\d*)\/\1 virtual nodes Ready$/, { timeout: 60_000 });
  await checkPage("Add-ons, installed", addonsReady);
});

test("Virtual Nodes with live pods on ECI, and the namespace dialog", async () => {
  test.setTimeout(90_000);
  await createNamespace(ns);
  await kubectl("-n", ns, "run", "eci-web", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
  await kubectl("-n", ns, "run", "dc-web", "--image", "nginx");
  await new VirtualNodesPage(page).goto();
  const nodesIn = (t: UiText) => new VirtualNodesPage(page, SANDBOX_CLUSTER, t);
  const ready: Ready = async (t) => {
    const nodes = nodesIn(t);
    await expect(nodes.streamHealth).toHaveAttribute("data-state", "live");
    await expect(nodes.pod(`${ns}/eci-web`, "virtual")).toContainText("Running", { timeout: 30_000 });
    await expect(nodes.pod(`${ns}/dc-web`, "datacenter")).toContainText("Running");
  };
  await checkPage("Virtual Nodes, pods on ECI and on data-center nodes", ready);
  await checkDialog("Send new pods to ECI (namespace)", ready, (t) => nodesIn(t).eciToggle(ns, "Send new pods to ECI").click());
});

test("eci-profile settings: the form, a refused vSwitch ID, and the save dialog", async () => {
  const settings = new EciProfileSettingsPage(page);
  await settings.goto();
  const ready: Ready = async () => {
    await expect(settings.form).toBeVisible();
    await expect(settings.streamHealth).toHaveAttribute("data-state", "live");
  };
  await checkPage("eci-profile settings", ready);
  const available = page.getByTestId("available-vswitch").first();
  for (const locale of LOCALES) {
    const t = await showIn(locale, ready);
    await new EciProfileSettingsPage(page, SANDBOX_CLUSTER, t).addVSwitchById("not-a-vswitch");
    await expect(settings.form.getByRole("alert")).toBeVisible();
    await expectNoAxeViolations(page, `eci-profile settings, refused vSwitch ID [${locale}]`);
  }
  await checkDialog("Save eci-profile (a vSwitch added)", ready, async (t) => {
    await available.getByRole("button").click();
    await new EciProfileSettingsPage(page, SANDBOX_CLUSTER, t).reviewAndSave();
  });
});

test("uninstall: the dialog listing the ECI pods that keep running, then deleting the leftover node", async () => {
  test.setTimeout(120_000);
  const addons = new AddonsPage(page);
  await addons.goto();
  await checkDialog("Uninstall ack-virtual-node", addonsReady, async (t) => {
    const dialog = await addonsIn(t).addon.startUninstall();
    await expect(dialog.remainingEciPods).toContainText(`${ns}/eci-web`);
  });
  const leftoversReady: Ready = (t) => expect(addonsIn(t).addon.leftoverNodes).toBeVisible();
  await showIn("en", addonsReady);
  await (await addons.addon.startUninstall()).confirm();
  await expect(addons.addon.phase).toHaveText("Not installed", { timeout: 60_000 });
  await expect(addons.addon.leftoverNodes).toContainText("NotReady", { timeout: 40_000 });
  await checkPage("Add-ons, leftover virtual nodes", leftoversReady);
  await checkDialog("Delete the leftover virtual node", leftoversReady, async (t) => (await addonsIn(t).addon.deleteLeftoverButton()).click());
  await showIn("en", leftoversReady);
  await addons.addon.deleteLeftoverNodes();
  await expect(addons.addon.leftoverNodes).toHaveCount(0);
  await new ActivityPage(page).goto();
  await checkPage("Activity, with entries", visible(new ActivityPage(page).table));
  expect(await kubectl("get", "nodes", "-l", "type=virtual-kubelet", "-o", "name")).toBe("");
});
