/**
 * The source-parity checker: compares the vendor pages in openapi/sources/ with the bundled specs in
 * generated/, through the errata register openapi/errata.yaml.
 *
 *   tsx scripts/check-sources.ts        (npm run check:sources; run from the project root)
 *
 * Prints every difference (`page › table › row: message`) and a one-line summary. Exits 0 when the
 * pages and the specs agree, 1 when they differ, 2 when the check cannot run (no Python docutils to
 * parse the reStructuredText pages, or unreadable files).
 */
import { checkSources } from "../src/check-sources/check.js";
import { loadContext } from "../src/check-sources/context.js";
import { formatReport } from "../src/check-sources/report.js";
import { DocutilsMissingError } from "../src/sources/docutils.js";

function main(): number {
  const context = loadContext(process.cwd());
  const findings = checkSources(context);
  console.log(formatReport(findings, context.pages.length));
  return findings.differences.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof DocutilsMissingError) console.error(`check:sources: ${error.message}`);
  else console.error(`check:sources: cannot check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 2;
}
