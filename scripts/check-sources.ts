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
import { runCheckSources } from "../src/check-sources/cli.js";

process.exitCode = runCheckSources(process.cwd(), console.log, console.error);
