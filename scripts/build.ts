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
import { parseArgs } from "node:util";
import { APIS, bundlePath, typesPath } from "../src/apis.js";
import { bundleApi } from "../src/build/bundle.js";
import { buildDocsSite } from "../src/build/docs.js";
import { lintApi } from "../src/build/lint.js";
import { generateTypes } from "../src/build/types.js";

const { values: options } = parseArgs({
  options: {
    out: { type: "string", default: "generated" },
    "docs-out": { type: "string", default: "build/docs" },
    "no-docs": { type: "boolean", default: false },
    "no-lint": { type: "boolean", default: false },
  },
});

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
