import type { Locator, Page } from "@playwright/test";

/** What every signed-in page has: the main navigation with Sign out, and (on live views) the stream health badge. */
export class ConsolePage {
  readonly mainNav: Locator;
  /** Live, reconnecting, stale or signed out: its `data-state` attribute is the first word. No accessible name: test id. */
  readonly streamHealth: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.mainNav = page.getByRole("navigation", { name: "Main" });
    this.streamHealth = page.getByTestId("stream-health");
    this.signOutButton = this.mainNav.getByRole("button", { name: "Sign out" });
  }

  async signOut() {
    await this.signOutButton.click();
  }

  async openActivity() {
    await this.mainNav.getByRole("link", { name: "Activity", exact: true }).click();
  }

  async openClusters() {
    await this.mainNav.getByRole("link", { name: "Clusters", exact: true }).click();
  }
}

/** The console's confirmation dialog (a modal <dialog> named by its title; the confirm button names the action). */
export class ConfirmDialog {
  readonly root: Locator;

  constructor(
    page: Page | Locator,
    title: string | RegExp | undefined,
    private readonly confirmLabel: string,
  ) {
    this.root = title === undefined ? page.getByRole("dialog") : page.getByRole("dialog", { name: title });
  }

  async confirm() {
    await this.root.getByRole("button", { name: this.confirmLabel, exact: true }).click();
  }

  async cancel() {
    await this.root.getByRole("button", { name: "Cancel", exact: true }).click();
  }
}

/** `/clusters/<cluster>` with the cluster ID encoded. */
export const clusterPath = (cluster: string, rest = "") => `/clusters/${encodeURIComponent(cluster)}${rest}`;
