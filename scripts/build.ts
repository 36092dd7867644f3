/**
 * The one build command: lint → bundle → types → reference docs, for every API.
 *
 *   tsx scripts/build.ts [--out <dir>] [--docs-out <dir>] [--no-docs] [--no-lint]
 *
 * Writes generated/<api>/openapi.yaml and generated/<api>/schema.d.ts (committed) and the docs site in
 * build/docs/ (git-ignored; the same site as `npm run docs`). Run from the project root. Exits 1 on any
 * lint error, printing file, line and rule for each problem.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { APIS, bundlePath, typesPath } from "../src/apis.js";
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
  environment: { NO_COLOR: "plain lint output, without colours" },
});

// Loaded after the command line is read, so that --help answers without loading TypeScript and Redocly.
const { bundleApi } = await import("../src/build/bundle.js");
const { buildDocsSite } = await import("../src/build/docs.js");
const { lintApi } = await import("../src/build/lint.js");
const { generateTypes } = await import("../src/build/types.js");

async function writeFileCreatingDir(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

async function main(): Promise<number> {
  if (!options["no-lint"]) {
    let errors = 0;
    for (const api of APIS) errors += (await lintApi(api)).errors;
    if (errors > 0) {
      console.error(`\nbuild: lint found ${errors} error(s); nothing was generated.`);
      return 1;
    }
    console.log("lint: 0 errors, 0 warnings");
  }
  for (const api of APIS) {
    const bundled = await bundleApi(api);
    await writeFileCreatingDir(bundlePath(api, options.out), bundled);
    await writeFileCreatingDir(typesPath(api, options.out), await generateTypes(bundled));
    console.log(`${api.id}: ${bundlePath(api, options.out)}, ${typesPath(api, options.out)}`);
  }
  if (!options["no-docs"]) {
    const site = await buildDocsSite({ outDir: options["docs-out"], bundleDir: options.out });
    for (const page of site.pages) console.log(`${page.api.id}: ${options["docs-out"]}/${page.reference}`);
    console.log(`docs: ${options["docs-out"]}/${site.index}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
