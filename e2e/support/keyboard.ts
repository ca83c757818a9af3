// Keyboard-only driving: Tab (or Shift+Tab) until a control has focus, with a bounded count and a failure that
// says where focus went instead.
import { expect, type Locator, type Page } from "@playwright/test";

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** What has focus now, as a person would name it: tag, role and accessible-ish name. */
export const describeFocus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "(page)";
    const role = el.getAttribute("role");
    const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${role ? `[role=${role}]` : ""} "${name}"`;
  });

/** Presses Tab (Shift+Tab with `backwards`) until `target` has focus; fails after `max` presses, listing the stops. */
export async function tabTo(page: Page, target: Locator, { max = 60, backwards = false } = {}) {
  const key = backwards ? "Shift+Tab" : "Tab";
  await expect(target, `${target} is on the page before tabbing to it`).toBeVisible();
  const stops: string[] = [];
  for (let presses = 0; presses < max; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
    stops.push(await describeFocus(page));
  }
  if (await isFocused(target)) return;
  throw new Error(`${key} pressed ${max} times and ${target} never got focus; focus went: ${stops.join(" → ")}`);
}

/** Focus is inside `container` (e.g. a dialog that just opened). */
export async function expectFocusWithin(container: Locator) {
  await expect.poll(() => container.evaluate((el) => el.contains(document.activeElement)), { message: `focus moves into ${container}` }).toBe(true);
}
