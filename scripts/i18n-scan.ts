// Lists user-facing text written into the source instead of messages/*.json (the check npm test runs):
//   npx tsx scripts/i18n-scan.ts [path-substring]
import { findRawStrings } from "../test/support/raw-strings";
import { productSources } from "../test/support/source-files";

const filter = process.argv[2] ?? "";
const found = productSources()
  .filter((s) => s.file.includes(filter))
  .flatMap((s) => findRawStrings(s.file, s.text));
for (const r of found) console.log(`${r.file}:${r.line}  ${r.why}: ${r.text}`);
console.log(`${found.length} raw strings`);
