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
import { commandLine } from "../src/cli/command-line.js";

commandLine({
  name: "check:sources",
  summary:
    "Compares the vendor pages in openapi/sources/ with the bundled specs in generated/, through openapi/errata.yaml. " +
    "Prints one line per difference and a summary. Run from the project root.",
  options: {},
  environment: {
    DOCUTILS_PYTHON: "the python3 with docutils that parses the reStructuredText pages (default: python3, then /usr/bin/python3)",
  },
  notes: ["Exit codes: 0 the pages and the specs agree, 1 they differ, 2 the check cannot run."],
});

// Loaded after the command line is read, so that --help answers without parsing anything.
const { runCheckSources } = await import("../src/check-sources/cli.js");

process.exitCode = runCheckSources(process.cwd(), console.log, console.error);
