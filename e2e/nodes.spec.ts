import { expect, test } from "@playwright/test";
import { e2eSandbox } from "./sandbox-helpers";

test("the console opens on the sandbox and lists its nodes, Ready", async ({ page }) => {
  const { nodes } = e2eSandbox();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Nodes" })).toBeVisible();
  for (const name of nodes) {
    const row = page.getByTestId("node-row").filter({ hasText: name });
    await expect(row).toContainText("Ready");
    await expect(row).toContainText("cn-hangzhou-");
  }
});
