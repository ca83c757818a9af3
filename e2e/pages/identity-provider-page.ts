import { expect, type Locator, type Page } from "@playwright/test";
import { e2eSandbox } from "../support/sandbox-helpers";

/** The sandbox's OpenID Connect provider (sandbox/oidc): its sign-in form, and its sign-out confirmation. */
export class IdentityProviderPage {
  readonly username: Locator;
  readonly password: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel("Username");
    this.password = page.getByLabel("Password");
  }

  /** From the console's sign-in page: "Sign in with your identity provider", the person's password, back at `next`. */
  async signInAs(username: string, next = "/clusters") {
    const person = e2eSandbox().oidc!.users.find((u) => u.username === username)!;
    await this.page.goto(`/login?next=${encodeURIComponent(next)}`);
    await this.page.getByRole("link", { name: "Sign in with your identity provider" }).click();
    await expect(this.page.getByRole("heading", { name: "Sandbox identity provider" })).toBeVisible();
    await this.username.fill(person.username);
    await this.password.fill(person.password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await expect(this.page).toHaveURL(new RegExp(`${next.replace(/[/]/g, "\\/")}$`));
  }

  /** The provider asks whether to end its own session too (RP-initiated logout): yes. */
  async confirmSignOut() {
    await this.page.getByRole("button", { name: "Yes, sign me out" }).click();
  }
}
