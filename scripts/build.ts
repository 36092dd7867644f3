/**
 * The one build command: lint → bundle → types → reference docs, for every API.
 *
 *   tsx scripts/build.ts [--out <dir>] [--docs-out <dir>] [--no-docs] [--no-lint]
 *
 * Writes generated/<api>/openapi.yaml and generated/<api>/schema.d.ts (committed) and the docs site in
 * build/docs/ (git-ignored; the same site as `npm run docs`). Run from the project root. Exits 1 on any
 * lint error, printing file, line and rule for each problem, and on any other failure; 130 on Ctrl-C.
 * Either way generated/ and build/docs/ stay as they were: they are replaced whole, at the end.
 * A code sample has 15 s to make its request (BUILD_SAMPLE_TIME_LIMIT_MS to change).
 */
import { commandLine } from "../src/cli/command-line.js";

const options = commandLine({
  name: "build",
  summary:
    "lint → bundle generated/<api>/openapi.yaml (with code samples) → types generated/<api>/schema.d.ts → docs build/docs/, " +
    "for every API. Stops with file, line and rule on a lint error, generating nothing.",
  options: {
    out: { type: "string", value: "<dir>", default: "generated", description: "where the bundles and types go" },
    "docs-out": { type: "string", value: "<dir>", default: "build/docs", description: "where the docs site goes" },
    "no-docs": { type: "boolean", description: "skip the docs site" },
    "no-lint": { type: "boolean", description: "skip the lint" },
  },
  environment: {
    NO_COLOR: "plain lint output, without colours",
    BUILD_SAMPLE_TIME_LIMIT_MS: "how long a code sample may take to make its request (default 15000)",
  },
});

// Loaded after the command line is read, so that --help answers without loading TypeScript and Redocly.
const { BuildError, runBuild } = await import("../src/build/run-build.js");
const { exitOnInterrupt } = await import("../src/build/write-outputs.js");

exitOnInterrupt();
// Should anything the build awaits never settle with nothing left to run, Node would exit 0 in silence.
process.once("beforeExit", () => {
  console.error("build: stopped with a step that never finished; nothing was replaced");
  process.exit(1);
});
runBuild({ out: options.out, docsOut: options["docs-out"], docs: !options["no-docs"], lint: !options["no-lint"] }).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`${error instanceof BuildError ? "\n" : ""}build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
