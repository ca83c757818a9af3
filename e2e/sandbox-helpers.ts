import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type Page } from "@playwright/test";
import type { SandboxInfo } from "@/sandbox/sandbox-info";

const run = promisify(execFile);

/** The sandbox the web server of this run started (see playwright.config.ts). */
export function e2eSandbox(): SandboxInfo {
  return JSON.parse(readFileSync(path.join(process.env.E2E_STATE_DIR!, "sandbox.json"), "utf8"));
}

/** The real kubectl on the sandbox's kubeconfig, as a user at a terminal. */
export async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await run("kubectl", args, { env: { ...process.env, KUBECONFIG: e2eSandbox().kubeconfig }, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Signs in through the form with the token `npm start` printed. */
export async function signIn(page: Page, next = "/clusters") {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Access token").fill(e2eSandbox().console!.token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/]/g, "\\/")}$`));
}
