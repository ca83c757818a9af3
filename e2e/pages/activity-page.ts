import type { Locator, Page } from "@playwright/test";
import { type UiText, ui } from "../support/catalogue";
import { ConsolePage } from "./console-page";

/** /activity: every change made through the console, newest first. */
export class ActivityPage extends ConsolePage {
  readonly heading: Locator;
  readonly table: Locator;

  constructor(page: Page, t: UiText = ui()) {
    super(page, t);
    this.heading = page.getByRole("heading", { name: t("activity.title"), level: 1 });
    this.table = page.getByRole("table");
  }

  async goto() {
    await this.page.goto("/activity");
  }

  /** The entries (table rows, the header left out) whose text matches, e.g. an action such as install-addon. */
  entries(text: string | RegExp): Locator {
    return this.table
      .getByRole("row")
      .filter({ hasNot: this.page.getByRole("columnheader") })
      .filter({ hasText: text });
  }
}
