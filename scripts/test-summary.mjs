// Prints one closing line over every runner's JSON report: "tests: N passed, N failed[, N skipped]", preceded by the
// failed tests' names (CI shows only the tail of the output, so the names must be at the end).
import { existsSync, readFileSync } from "node:fs";

let passed = 0,
  failed = 0,
  skipped = 0;
const failures = [];

function playwrightFailures(suites, path = []) {
  for (const suite of suites ?? []) {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      const bad = spec.tests?.some((t) => t.status === "unexpected");
      if (bad) failures.push(`e2e: ${[...here, spec.title].join(" › ")}`);
    }
    playwrightFailures(suite.suites, here);
  }
}

for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  if ("numPassedTests" in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    for (const fileResult of report.testResults ?? []) {
      const bad = (fileResult.assertionResults ?? []).filter((a) => a.status === "failed");
      for (const a of bad)
        failures.push(`vitest: ${fileResult.name.replace(`${process.cwd()}/`, "")} › ${a.fullName}\n    ${(a.failureMessages?.[0] ?? "").split("\n")[0].slice(0, 300)}`);
      if (!bad.length && fileResult.status === "failed")
        failures.push(`vitest: ${fileResult.name.replace(`${process.cwd()}/`, "")}: ${(fileResult.message ?? "").split("\n")[0].slice(0, 300)}`);
    }
  } else if (report.stats) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    playwrightFailures(report.suites);
  }
}
if (failures.length) console.log(`failed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
