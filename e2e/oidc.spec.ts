import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ActivityPage, AddonsPage, ClustersPage, ConsolePage, IdentityProviderPage, VirtualNodesPage } from "./pages";
import { recordStream, streamFrames } from "./support/recorders";
import { SANDBOX_CLUSTER, createNamespace, deleteNamespace, e2eSandbox, kubectl } from "./support/sandbox-helpers";

// Each person signs in with the sandbox's own OpenID Connect provider; Kubernetes RBAC (sandbox/rbac.ts) and the
// console roles (VNODE_ADMIN_GROUPS, VNODE_OPERATOR_GROUPS) decide what they may do.
test.describe.configure({ mode: "serial" });

const OTHER = "oidc-e2e-other";
const signedInAs = (page: Page) => page.getByTestId("signed-in-as");

test.beforeAll(async () => {
  await createNamespace(OTHER);
  await kubectl("-n", "team-a", "run", "team-a-web", "--image", "nginx");
  await kubectl("-n", OTHER, "run", "other-web", "--image", "nginx");
});
test.afterAll(async () => {
  await kubectl("-n", "team-a", "delete", "pod", "team-a-web", "--wait=false").catch(() => "");
  await deleteNamespace(OTHER).catch(() => "");
});

test("a person with no binding sees an empty cluster and the reason; sign-out ends the provider's session too", async ({ page }) => {
  await new IdentityProviderPage(page).signInAs("nobody");
  await expect(signedInAs(page)).toHaveText("Nora Nobody (nobody) · viewer");
  const card = page.getByRole("article", { name: `Cluster ${SANDBOX_CLUSTER}` });
  await expect(card.getByTestId("dc-nodes")).toHaveText("0/0 Ready");
  await expect(card.getByTestId("cluster-refused-reads")).toContainText('User "nobody" cannot list resource "nodes"');

  await new ConsolePage(page).signOut();
  await new IdentityProviderPage(page).confirmSignOut();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/clusters");
  await expect(page).toHaveURL(/\/login\?next=/);
});

test("the administrator grants and installs", async ({ page }) => {
  test.setTimeout(180_000);
  await new IdentityProviderPage(page).signInAs("admin");
  await expect(signedInAs(page)).toHaveText("Ada Admin (admin) · admin");
  const addons = new AddonsPage(page);
  await addons.goto();
  await addons.grant.grantAutomatically();
  // A Secret holding another user's key (an earlier spec's manual grant) is replaced only after a confirmation.
  const replace = addons.grant.replaceDialog();
  await expect(addons.grant.result.or(replace.root)).toBeVisible();
  if (await replace.root.isVisible()) await replace.confirm();
  await expect(addons.grant.result).toContainText(/granted to ram user|Nothing to change/);
  await expect(addons.grant.secretStatus).toContainText(/written by (admin|token-user)/);
  if ((await addons.addon.phase.textContent()) !== "Installed") {
    await addons.addon.install();
    await expect(addons.addon.phase).toHaveText("Installed", { timeout: 60_000 });
  }
});

test("the operator uninstalls and installs, but may not rotate keys", async ({ page }) => {
  test.setTimeout(240_000);
  await new IdentityProviderPage(page).signInAs("operator");
  await expect(signedInAs(page)).toHaveText("Otto Operator (operator) · operator");
  const addons = new AddonsPage(page);
  await addons.goto();
  await expect(addons.addon.phase).toHaveText("Installed", { timeout: 30_000 });
  const rotate = addons.grant.root.getByRole("button", { name: "Rotate AccessKey" });
  await expect(rotate).toBeDisabled();
  await expect(addons.grant.root.getByRole("button", { name: "Grant automatically" })).toBeDisabled();
  await expect(addons.grant.root.getByTestId("permission-refusal")).toContainText(
    "Otto Operator (operator) may not grant RAM permissions or rotate AccessKeys: this needs the console role admin",
  );

  await (await addons.addon.startUninstall()).confirm();
  await expect(addons.addon.phase).toHaveText("Not installed", { timeout: 60_000 });
  await expect(addons.addon.leftoverNodes).toContainText("NotReady", { timeout: 40_000 });
  await addons.addon.deleteLeftoverNodes();
  await expect(addons.addon.leftoverNodes).toHaveCount(0);
  await addons.addon.install();
  await expect(addons.addon.phase).toHaveText("Installed", { timeout: 60_000 });
});

test("the team-a developer sees only team-a's pods live, and an action called for another namespace is refused", async ({ page }) => {
  await new IdentityProviderPage(page).signInAs("dev-team-a");
  await expect(signedInAs(page)).toHaveText("Dana Developer (dev-team-a) · viewer");
  const nodes = new VirtualNodesPage(page);
  await nodes.goto();
  await recordStream(page);
  // Nodes are not theirs to list: their pods show as not placed on a node they can see.
  await expect(page.getByTestId("lane-unplaced")).toContainText("team-a/team-a-web", { timeout: 30_000 });
  await expect(page.getByText("other-web")).toHaveCount(0);
  // Only team-a is listed (get on its own namespace object); the others are never sent to this browser.
  await expect(nodes.namespace("team-a")).toBeVisible();
  await expect(nodes.namespace("default")).toHaveCount(0);
  await expect.poll(async () => (await streamFrames(page)).some((f) => f.includes('"team-a-web"'))).toBe(true);
  const frames = (await streamFrames(page)).join("\n");
  expect(frames).not.toContain("other-web");
  expect(frames).not.toContain('"namespace":"kube-system"');

  // The action itself, called with another namespace than the UI offers (the request rewritten on its way out).
  await page.route(`**${nodes.path}`, async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    await route.continue({ postData: (request.postData() ?? "").replace('"namespace":"team-a"', `"namespace":"${OTHER}"`) });
  });
  await (await nodes.startSendingToEci("team-a")).confirm();
  await expect(nodes.namespaceMessage(`dev-team-a may not patch namespaces`)).toBeVisible();
  await expect(nodes.namespaceMessage("Kubernetes RBAC refuses this to you (dev-team-a)")).toBeVisible();
  expect(await kubectl("get", "namespace", OTHER, "-o", "jsonpath={.metadata.labels}")).not.toContain("alibabacloud.com/eci");
  await page.unroute(`**${nodes.path}`);

  // Its own namespace it may label (Kubernetes decides, as the person).
  await (await nodes.startSendingToEci("team-a")).confirm();
  await expect(nodes.eciToggle("team-a", "Stop sending to ECI")).toBeVisible({ timeout: 15_000 });
  await (await nodes.startStoppingEci("team-a")).confirm();
  await expect(nodes.eciToggle("team-a", "Send new pods to ECI")).toBeVisible({ timeout: 15_000 });
});

test("the Activity view names each person; the apiserver's audit log shows the impersonated requests", async ({ page }) => {
  await new IdentityProviderPage(page).signInAs("admin", "/activity");
  const activity = new ActivityPage(page);
  const who = page.getByTestId("activity-who");
  await expect(who.filter({ hasText: "Ada Admin" }).first()).toBeVisible();
  await expect(who.filter({ hasText: "Otto Operator" }).first()).toContainText("groups: vnode-operators");
  await expect(who.filter({ hasText: "Dana Developer" }).first()).toContainText("dev-team-a");
  await expect(activity.table).toBeVisible();

  const audit = readFileSync(e2eSandbox().auditLog!, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { verb: string; user: { username: string }; impersonatedUser?: { username: string }; objectRef?: { resource?: string; name?: string } });
  const patches = audit.filter((e) => e.impersonatedUser?.username === "dev-team-a" && e.verb === "patch" && e.objectRef?.resource === "namespaces");
  expect(patches.map((e) => e.objectRef?.name)).toEqual(expect.arrayContaining([OTHER, "team-a"]));
  expect(patches[0].user.username).not.toBe("dev-team-a");
  expect(audit.some((e) => e.impersonatedUser?.username === "nobody" && e.objectRef?.resource === "nodes")).toBe(true);

  // ...and the Events in the cluster name them too.
  const events = await kubectl("-n", "default", "get", "events", "--field-selector", "reason=ConsoleLabelNamespaceEci", "-o", "jsonpath={.items[*].message}");
  expect(events).toContain("Dana Developer (dev-team-a) [groups: team-a-developers]");
  await new ClustersPage(page).openClusters();
});
