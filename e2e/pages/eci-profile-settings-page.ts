import type { Locator, Page } from "@playwright/test";
import { SANDBOX_CLUSTER } from "../support/sandbox-helpers";
import { type UiText, ui } from "../support/catalogue";
import { ConfirmDialog, ConsolePage, clusterPath } from "./console-page";

/**
 * /clusters/<cluster>/virtual-nodes/settings: the kube-system/eci-profile form (vSwitch picker, network fields,
 * selectors), its review-and-save diff and the conflict view. The form's root, the selected vSwitch rows, field notes,
 * the expected virtual nodes, the save notice, the remote-change banner and the diffs have no accessible names: test ids.
 */
export class EciProfileSettingsPage extends ConsolePage {
  readonly path: string;
  /** The loaded form (absent while loading, or when the cluster has no eci-profile). */
  readonly form: Locator;
  /** The selected vSwitches, in order (`data-vswitch` holds the ID). */
  readonly selectedVSwitches: Locator;
  /** "Virtual nodes for these zones: …". */
  readonly expectedVirtualNodes: Locator;
  /** The answer to the last review or save. */
  readonly saveNotice: Locator;
  /** "eci-profile changed in the cluster … while you were editing." */
  readonly remoteChangeBanner: Locator;
  readonly privateZone: Locator;
  readonly conflict: ConflictView;
  /** "Add a vSwitch by ID". */
  readonly addById: Locator;
  readonly reviewAndSaveButton: Locator;

  constructor(
    page: Page,
    readonly cluster = SANDBOX_CLUSTER,
    t: UiText = ui(),
  ) {
    super(page, t);
    this.path = clusterPath(cluster, "/virtual-nodes/settings");
    this.form = page.getByTestId("eci-profile-settings");
    this.selectedVSwitches = page.getByTestId("selected-vswitch");
    this.expectedVirtualNodes = page.getByTestId("expected-virtual-nodes");
    this.saveNotice = page.getByTestId("save-notice");
    this.remoteChangeBanner = page.getByTestId("remote-change-banner");
    this.privateZone = page.getByRole("checkbox", { name: t("eciProfile.network.enablePrivateZone.label") });
    this.conflict = new ConflictView(page, t);
    this.addById = page.getByLabel(t("eciProfile.vSwitches.addById"));
    this.reviewAndSaveButton = page.getByRole("button", { name: t("eciProfile.settings.reviewAndSave") });
  }

  async goto() {
    await this.page.goto(this.path);
  }

  /** The form's note that changes reach new ECI pods only. */
  newPodsOnlyNote(): Locator {
    return this.page.getByText(this.t("eciProfile.settings.appliesToNew"));
  }

  /** A warning shown under a field ("Warning: …"). */
  fieldWarning(text: string | RegExp): Locator {
    return this.page.getByTestId("field-warning").filter({ hasText: text });
  }

  /** An error shown under a field. */
  fieldError(text: string | RegExp): Locator {
    return this.page.getByTestId("field-error").filter({ hasText: text });
  }

  /** The picker's Add button of a vSwitch of the VPC that is not in the list yet. */
  addVSwitchButton(vSwitchId: string, zoneId: string): Locator {
    return this.page.getByRole("button", { name: this.t("eciProfile.vSwitches.addId", { id: vSwitchId, zone: zoneId }) });
  }

  /** Add on a vSwitch of the VPC that is not in the list yet. */
  async addVSwitch(vSwitchId: string, zoneId: string) {
    await this.addVSwitchButton(vSwitchId, zoneId).click();
  }

  /** Types a vSwitch ID into "Add a vSwitch by ID" and adds it. */
  async addVSwitchById(vSwitchId: string) {
    await this.addById.fill(vSwitchId);
    await this.page.getByRole("button", { name: this.t("eciProfile.vSwitches.addIdButton"), exact: true }).click();
  }

  async removeVSwitch(vSwitchId: string) {
    await this.page.getByRole("button", { name: this.t("eciProfile.vSwitches.removeId", { id: vSwitchId }), exact: true }).click();
  }

  moveUpButton(vSwitchId: string): Locator {
    return this.page.getByRole("button", { name: this.t("eciProfile.vSwitches.moveUp", { id: vSwitchId }), exact: true });
  }

  moveDownButton(vSwitchId: string): Locator {
    return this.page.getByRole("button", { name: this.t("eciProfile.vSwitches.moveDown", { id: vSwitchId }), exact: true });
  }

  async moveUp(vSwitchId: string) {
    await this.moveUpButton(vSwitchId).click();
  }

  async moveDown(vSwitchId: string) {
    await this.moveDownButton(vSwitchId).click();
  }

  /** Review and save: the dialog opens with the ConfigMap diff (when there is something to save). */
  async reviewAndSave(): Promise<SaveDialog> {
    await this.reviewAndSaveButton.click();
    return new SaveDialog(this.page, this.t);
  }

  async undoMyEdits() {
    await this.page.getByRole("button", { name: this.t("eciProfile.settings.undo") }).click();
  }
}

/** "Save eci-profile?": the keys that change, then Save to the cluster. */
export class SaveDialog extends ConfirmDialog {
  /** The diff's entries, one per key (`data-key`). */
  readonly changes: Locator;

  constructor(page: Page, t: UiText = ui()) {
    super(page, t("eciProfile.settings.saveTitle"), t("eciProfile.settings.saveConfirm"), t);
    this.changes = this.root.getByTestId("save-diff").getByRole("listitem");
  }

  /** The diff entry of one key ("added: …", "removed: …" lines). */
  change(key: string): Locator {
    return this.root.getByTestId("save-diff").locator(`[data-key="${key}"]`);
  }
}

/** Shown when the save was refused because eci-profile changed in the cluster (409). */
export class ConflictView {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly t: UiText = ui(),
  ) {
    this.root = page.getByRole("alert", { name: t("eciProfile.conflict.label"), exact: true });
  }

  /** Their change (base → theirs) of one key. */
  theirChange(key: string): Locator {
    return this.root.getByTestId("their-change").locator(`[data-key="${key}"]`);
  }

  /** Merge and review: the save dialog opens with what is left to change on top of theirs. */
  async mergeAndReview(): Promise<SaveDialog> {
    await this.root.getByRole("button", { name: this.t("eciProfile.conflict.mergeAndReview") }).click();
    return new SaveDialog(this.page, this.t);
  }

  async discardAndReload() {
    await this.root.getByRole("button", { name: this.t("eciProfile.conflict.discardAndReload") }).click();
  }
}
