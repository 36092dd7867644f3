/**
 * The one build command: lint → bundle → types → reference docs, for every API.
 *
 *   tsx scripts/build.ts [--out <dir>] [--docs-out <dir>] [--no-docs] [--no-lint]
 *
 * Writes generated/<api>/openapi.yaml and generated/<api>/schema.d.ts (committed) and the docs site in
 * build/docs/ (git-ignored; the same site as `npm run docs`). Run from the project root. Exits 1 on any
 * lint error, printing file, line and rule for each problem.
 */
import { parseArgs } from "node:util";
import { BuildError, runBuild } from "../src/build/run-build.js";

const { values: options } = parseArgs({
  options: {
    out: { type: "string", default: "generated" },
    "docs-out": { type: "string", default: "build/docs" },
    "no-docs": { type: "boolean", default: false },
    "no-lint": { type: "boolean", default: false },
  },
});

runBuild({ out: options.out, docsOut: options["docs-out"], docs: !options["no-docs"], lint: !options["no-lint"] }).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`${error instanceof BuildError ? "\n" : ""}build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
