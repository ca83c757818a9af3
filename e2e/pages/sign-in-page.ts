import { expect, type Locator, type Page } from "@playwright/test";
import { type UiText, ui } from "../support/catalogue";
import { consoleToken } from "../support/sandbox-helpers";

const endsWith = (path: string) => new RegExp(`${path.replace(/[/]/g, "\\/")}$`);

/** /login (the access-token form) and /auth?token=… (the sign-in link `npm start` prints). */
export class SignInPage {
  readonly token: Locator;
  readonly submit: Locator;

  constructor(
    readonly page: Page,
    readonly t: UiText = ui(),
  ) {
    this.token = page.getByLabel(t("login.tokenLabel"));
    this.submit = page.getByRole("button", { name: t("login.signIn") });
  }

  async goto(next = "/clusters") {
    await this.page.goto(`/login?next=${encodeURIComponent(next)}`);
  }

  /** Types a token and presses Sign in, on the page as it is (e.g. after a redirect to /login). */
  async submitToken(token: string) {
    await this.token.fill(token);
    await this.submit.click();
  }

  /** Signs in through the form with the token `npm start` printed, and waits to arrive at `next`. */
  async signIn(next = "/clusters", token = consoleToken()) {
    await this.goto(next);
    await this.submitToken(token);
    await expect(this.page).toHaveURL(endsWith(next));
  }

  /** Opens the sign-in link `npm start` prints, and waits to arrive at `next`. */
  async signInWithLink(next = "/clusters", token = consoleToken()) {
    await this.page.goto(`/auth?token=${encodeURIComponent(token)}&next=${encodeURIComponent(next)}`);
    await expect(this.page).toHaveURL(endsWith(next));
  }

  /** The form's error message with this text (Next's route announcer is an alert too, hence the filter). */
  error(text: string | RegExp): Locator {
    return this.page.getByRole("alert").filter({ hasText: text });
  }
}
