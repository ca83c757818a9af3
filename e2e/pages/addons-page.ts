import type { Locator, Page } from "@playwright/test";
import { SANDBOX_CLUSTER } from "../support/sandbox-helpers";
import { type UiText, ui } from "../support/catalogue";
import { ConfirmDialog, ConsolePage, clusterPath } from "./console-page";

/** /clusters/<cluster>/addons: Step 1 (RAM grant and alibaba-addon-secret) and Step 2 (ack-virtual-node). */
export class AddonsPage extends ConsolePage {
  readonly path: string;
  readonly grant: GrantCard;
  readonly addon: AddonCard;

  constructor(
    page: Page,
    readonly cluster = SANDBOX_CLUSTER,
    t: UiText = ui(),
  ) {
    super(page, t);
    this.path = clusterPath(cluster, "/addons");
    this.grant = new GrantCard(page, t);
    this.addon = new AddonCard(page, t);
  }

  async goto() {
    await this.page.goto(this.path);
  }
}

/** Step 1. The Secret's state and the result message are paragraphs without accessible names: test ids. */
export class GrantCard {
  readonly root: Locator;
  /** "Secret present: AccessKey LTAI****… · written by …" or "No alibaba-addon-secret yet." */
  readonly secretStatus: Locator;
  /** The last grant's answer (a status, or an alert when it failed). */
  readonly result: Locator;
  readonly accessKeyId: Locator;
  readonly accessKeySecret: Locator;

  constructor(
    readonly page: Page,
    readonly t: UiText = ui(),
  ) {
    this.root = page.getByRole("region", { name: t("grant.title") });
    this.secretStatus = this.root.getByTestId("secret-status");
    this.result = this.root.getByTestId("grant-result");
    this.accessKeyId = this.root.getByLabel(t("grant.manual.accessKeyId"), { exact: true });
    this.accessKeySecret = this.root.getByLabel(t("grant.manual.accessKeySecret"), { exact: true });
  }

  /** A button of the card by its catalogue label (Grant automatically, Rotate AccessKey, Save to the cluster). */
  button(key: "grant.grantAutomatically" | "grant.rotate" | "grant.manual.save"): Locator {
    return this.root.getByRole("button", { name: this.t(key) });
  }

  /** Like `onectl ram-user grant --addon ack-virtual-node`. */
  async grantAutomatically() {
    await this.button("grant.grantAutomatically").click();
  }

  /** Rotate AccessKey, confirmed. */
  async rotateAccessKey() {
    await this.button("grant.rotate").click();
    await this.rotateDialog().confirm();
  }

  rotateDialog() {
    return new ConfirmDialog(this.page, this.t("grant.rotateDialog.title"), this.t("grant.rotateDialog.confirm"), this.t);
  }

  /** "Use an existing AccessKey pair instead": types the pair and saves it to the cluster. */
  async grantManually({ accessKeyId, accessKeySecret }: { accessKeyId: string; accessKeySecret: string }) {
    if (!(await this.accessKeyId.isVisible())) await this.root.getByText(this.t("grant.manual.summary")).click();
    await this.accessKeyId.fill(accessKeyId);
    await this.accessKeySecret.fill(accessKeySecret);
    await this.button("grant.manual.save").click();
  }

  /** Asked when alibaba-addon-secret already holds another AccessKey. */
  replaceDialog() {
    return new ConfirmDialog(this.page, this.t("grant.replaceDialog.title"), this.t("grant.replaceDialog.confirm"), this.t);
  }
}

/** Step 2. The phase badge, the result message, the leftover-node box and the list of remaining ECI pods have no accessible names: test ids. */
export class AddonCard {
  readonly root: Locator;
  /** "Not installed", "Installing…", "Installed", … */
  readonly phase: Locator;
  /** The last action's answer (a status, or an alert when it failed). */
  readonly result: Locator;
  /** "n/m virtual nodes Ready". */
  readonly virtualNodeCount: Locator;
  /** Virtual nodes left behind by an uninstall, each with Delete. */
  readonly leftoverNodes: Locator;
  readonly installButton: Locator;
  readonly uninstallButton: Locator;

  constructor(
    readonly page: Page,
    readonly t: UiText = ui(),
  ) {
    this.root = page.getByRole("region", { name: t("addons.card.title") });
    this.phase = this.root.getByTestId("addon-phase");
    this.result = this.root.getByTestId("addon-result");
    this.virtualNodeCount = this.root.getByTestId("virtual-node-count");
    this.leftoverNodes = this.root.getByTestId("leftover-nodes");
    this.installButton = this.root.getByRole("button", { name: t("addons.card.install"), exact: true });
    this.uninstallButton = this.root.getByRole("button", { name: t("addons.card.uninstall"), exact: true });
  }

  /** Presses Install: the seed's Note opens (confirm it with `.confirm()`). */
  async startInstall(): Promise<ConfirmDialog> {
    await this.installButton.click();
    return new ConfirmDialog(this.page, this.t("addons.card.installNote.title"), this.t("addons.card.installNote.confirm"), this.t);
  }

  /** Install, and OK on the Note. */
  async install() {
    await (await this.startInstall()).confirm();
  }

  /** Presses Uninstall: the dialog opens, listing the ECI-backed pods that keep running. */
  async startUninstall(): Promise<UninstallDialog> {
    await this.uninstallButton.click();
    return new UninstallDialog(this.page, this.t);
  }

  /** Deletes the leftover virtual nodes (Delete, or Delete all n when there are several), confirmed. */
  async deleteLeftoverNodes() {
    await (await this.deleteLeftoverButton()).click();
    await this.deleteDialog().confirm();
  }

  /** "Delete" beside the one leftover node, or "Delete all n" when there are several. */
  async deleteLeftoverButton(): Promise<Locator> {
    const count = await this.leftoverNodes.getByRole("listitem").count();
    const name = count > 1 ? this.t("addons.card.deleteAll", { count }) : this.t("addons.card.delete");
    return this.leftoverNodes.getByRole("button", { name, exact: true });
  }

  /** "Delete <node>?" or "Delete n virtual nodes?". */
  deleteDialog(): ConfirmDialog {
    return new ConfirmDialog(this.page, undefined, this.t("addons.card.deleteDialog.confirm"), this.t);
  }
}

export class UninstallDialog extends ConfirmDialog {
  /** The ECI-backed pods that keep running ("namespace/name on node (instance)"). */
  readonly remainingEciPods: Locator;

  constructor(page: Page, t: UiText = ui()) {
    super(page, t("addons.card.uninstallDialog.title"), t("addons.card.uninstallDialog.confirm"), t);
    this.remainingEciPods = this.root.getByTestId("remaining-eci-pods");
  }
}
