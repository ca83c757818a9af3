import type { Locator, Page } from "@playwright/test";
import { SANDBOX_CLUSTER } from "../support/sandbox-helpers";
import { ConfirmDialog, ConsolePage, clusterPath } from "./console-page";

/** /clusters/<cluster>/addons: Step 1 (RAM grant and alibaba-addon-secret) and Step 2 (ack-virtual-node). */
export class AddonsPage extends ConsolePage {
  readonly path: string;
  readonly grant: GrantCard;
  readonly addon: AddonCard;

  constructor(
    page: Page,
    readonly cluster = SANDBOX_CLUSTER,
  ) {
    super(page);
    this.path = clusterPath(cluster, "/addons");
    this.grant = new GrantCard(page);
    this.addon = new AddonCard(page);
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

  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Step 1: Grant RAM permissions" });
    this.secretStatus = this.root.getByTestId("secret-status");
    this.result = this.root.getByTestId("grant-result");
    this.accessKeyId = this.root.getByLabel("AccessKey ID", { exact: true });
    this.accessKeySecret = this.root.getByLabel("AccessKey secret", { exact: true });
  }

  /** Like `onectl ram-user grant --addon ack-virtual-node`. */
  async grantAutomatically() {
    await this.root.getByRole("button", { name: "Grant automatically" }).click();
  }

  /** Rotate AccessKey, confirmed. */
  async rotateAccessKey() {
    await this.root.getByRole("button", { name: "Rotate AccessKey" }).click();
    await this.rotateDialog().confirm();
  }

  rotateDialog() {
    return new ConfirmDialog(this.page, "Rotate the add-on's AccessKey?", "Rotate");
  }

  /** "Use an existing AccessKey pair instead": types the pair and saves it to the cluster. */
  async grantManually({ accessKeyId, accessKeySecret }: { accessKeyId: string; accessKeySecret: string }) {
    if (!(await this.accessKeyId.isVisible())) await this.root.getByText("Use an existing AccessKey pair instead").click();
    await this.accessKeyId.fill(accessKeyId);
    await this.accessKeySecret.fill(accessKeySecret);
    await this.root.getByRole("button", { name: "Save to the cluster" }).click();
  }

  /** Asked when alibaba-addon-secret already holds another AccessKey. */
  replaceDialog() {
    return new ConfirmDialog(this.page, "Replace the AccessKey in alibaba-addon-secret?", "Replace it");
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

  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Step 2: ack-virtual-node" });
    this.phase = this.root.getByTestId("addon-phase");
    this.result = this.root.getByTestId("addon-result");
    this.virtualNodeCount = this.root.getByTestId("virtual-node-count");
    this.leftoverNodes = this.root.getByTestId("leftover-nodes");
  }

  /** Presses Install: the seed's Note opens (confirm it with `.confirm()`). */
  async startInstall(): Promise<ConfirmDialog> {
    await this.root.getByRole("button", { name: "Install", exact: true }).click();
    return new ConfirmDialog(this.page, "Note", "OK");
  }

  /** Install, and OK on the Note. */
  async install() {
    await (await this.startInstall()).confirm();
  }

  /** Presses Uninstall: the dialog opens, listing the ECI-backed pods that keep running. */
  async startUninstall(): Promise<UninstallDialog> {
    await this.root.getByRole("button", { name: "Uninstall", exact: true }).click();
    return new UninstallDialog(this.page);
  }

  /** Deletes the leftover virtual nodes (Delete, or Delete all n when there are several), confirmed. */
  async deleteLeftoverNodes() {
    const count = await this.leftoverNodes.getByRole("listitem").count();
    await (count > 1 ? this.leftoverNodes.getByRole("button", { name: `Delete all ${count}` }) : this.leftoverNodes.getByRole("button", { name: "Delete" })).click();
    await new ConfirmDialog(this.page, /^Delete /, "Delete").confirm();
  }
}

export class UninstallDialog extends ConfirmDialog {
  /** The ECI-backed pods that keep running ("namespace/name on node (instance)"). */
  readonly remainingEciPods: Locator;

  constructor(page: Page) {
    super(page, "Uninstall ack-virtual-node?", "Uninstall");
    this.remainingEciPods = this.root.getByTestId("remaining-eci-pods");
  }
}
