import type { Locator, Page } from "@playwright/test";
import { type UiText, ui } from "../support/catalogue";

/**
 * What every signed-in page has: the main navigation with Sign out, and (on live views) the stream health badge.
 * Names come from the console's catalogue in the page object's language (`t`, English unless given).
 */
export class ConsolePage {
  readonly mainNav: Locator;
  /** Live, reconnecting, stale or signed out: its `data-state` attribute is the first word. No accessible name: test id. */
  readonly streamHealth: Locator;
  readonly signOutButton: Locator;
  /** The header's language switcher (a <select>). */
  readonly localeSwitcher: Locator;

  constructor(
    readonly page: Page,
    readonly t: UiText = ui(),
  ) {
    this.mainNav = page.getByRole("navigation", { name: t("nav.main") });
    this.streamHealth = page.getByTestId("stream-health");
    this.signOutButton = this.mainNav.getByRole("button", { name: t("nav.signOut") });
    this.localeSwitcher = page.getByTestId("locale-switcher");
  }

  async signOut() {
    await this.signOutButton.click();
  }

  async openActivity() {
    await this.mainNav.getByRole("link", { name: this.t("nav.activity"), exact: true }).click();
  }

  async openClusters() {
    await this.mainNav.getByRole("link", { name: this.t("nav.clusters"), exact: true }).click();
  }
}

/** The console's confirmation dialog (a modal <dialog> named by its title; the confirm button names the action). */
export class ConfirmDialog {
  readonly root: Locator;
  readonly confirmButton: Locator;
  readonly cancelButton: Locator;

  constructor(page: Page | Locator, title: string | RegExp | undefined, confirmLabel: string, t: UiText = ui()) {
    this.root = title === undefined ? page.getByRole("dialog") : page.getByRole("dialog", { name: title });
    this.confirmButton = this.root.getByRole("button", { name: confirmLabel, exact: true });
    this.cancelButton = this.root.getByRole("button", { name: t("ui.cancel"), exact: true });
  }

  async confirm() {
    await this.confirmButton.click();
  }

  async cancel() {
    await this.cancelButton.click();
  }
}

/** `/clusters/<cluster>` with the cluster ID encoded. */
export const clusterPath = (cluster: string, rest = "") => `/clusters/${encodeURIComponent(cluster)}${rest}`;
