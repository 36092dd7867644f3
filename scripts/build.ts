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
import { parseArgs } from "node:util";
import { BuildError, runBuild } from "../src/build/run-build.js";
import { exitOnInterrupt } from "../src/build/write-outputs.js";

const { values: options } = parseArgs({
  options: {
    out: { type: "string", default: "generated" },
    "docs-out": { type: "string", default: "build/docs" },
    "no-docs": { type: "boolean", default: false },
    "no-lint": { type: "boolean", default: false },
  },
});

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
