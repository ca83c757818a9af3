// axe-core's WCAG 2.1 A/AA rules on the page as it is now (dialogs open included), failing with a readable list.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Every page and dialog checked in this run, with its violation count (printed by the specs as figures). */
export const axeChecks: { where: string; violations: number; passes: number }[] = [];

/**
 * Runs axe on the whole page and records a soft failure listing each violation (rule, impact, help, target
 * selectors), so one run reports every page with a problem rather than stopping at the first.
 */
export async function expectNoAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const found = results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact ?? "?"}): ${violation.help} — at ${node.target.map(String).join(" > ")} — ${violation.helpUrl}`),
  );
  axeChecks.push({ where, violations: found.length, passes: results.passes.length });
  expect.soft(found, `axe WCAG 2.1 A/AA violations on ${where}`).toEqual([]);
}
