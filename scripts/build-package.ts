/**
 * `npm run build:package` (and `prepack`): the clients as an ES-module and a CommonJS build.
 *
 *   tsx scripts/build-package.ts
 *
 * Empties dist/, then compiles src/clients/ twice: tsconfig.build.json to dist/esm/ (what `import` gets) and
 * tsconfig.build.cjs.json to dist/cjs/ (what `require` gets), each with its .d.ts. dist/cjs/ gets a
 * package.json saying "type": "commonjs", so that Node and TypeScript read its .js and .d.ts as CommonJS in
 * this "type": "module" package. package.json's `exports` send each condition to its folder.
 *
 * Both projects are built in this process by TypeScript's solution builder (what `tsc -b` runs): TypeScript
 * loads once instead of once per `tsc -p`, and the declaration files both read (the lib files, DOM's above
 * all) are parsed once. Forced, so that no project is skipped as up to date; the .tsbuildinfo files it would
 * leave beside the tsconfigs are not written. `prepack` runs this file with `node --import tsx`, which
 * spares the npm and tsx CLI processes that `npm run build:package` starts first (0.6 to 1 CPU-s here).
 */
import { rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type * as TypeScript from "typescript";
import { commandLine } from "../src/cli/command-line.js";

commandLine({
  name: "build:package",
  summary: "Compiles the clients (src/clients/) to dist/esm/ (ES modules) and dist/cjs/ (CommonJS), each with its .d.ts.",
  options: {},
});

const PROJECTS = ["tsconfig.build.json", "tsconfig.build.cjs.json"];

// require, not import: an ES-module import of this 9 MB CommonJS file first scans it for named exports, and
// under tsx took 2.5 CPU-s against 0.8.
const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;

/** Builds both projects; tsc's line for each error, once when both builds meet it (empty when there are none). */
function compile(): string {
  const formatHost: TypeScript.FormatDiagnosticsHost = {
    getCanonicalFileName: (fileName) => (ts.sys.useCaseSensitiveFileNames ? fileName : fileName.toLowerCase()),
    getCurrentDirectory: () => ts.sys.getCurrentDirectory(),
    getNewLine: () => ts.sys.newLine,
  };
  const errors = new Set<string>();
  const host = ts.createSolutionBuilderHost(
    ts.sys,
    undefined,
    (diagnostic) => errors.add(ts.formatDiagnostic(diagnostic, formatHost)),
    () => undefined,
  );
  host.writeFile = (path, data, writeByteOrderMark) => {
    if (!path.endsWith(".tsbuildinfo")) ts.sys.writeFile(path, data, writeByteOrderMark);
  };
  const status = ts.createSolutionBuilder(host, PROJECTS, { force: true }).build();
  if (status !== ts.ExitStatus.Success && errors.size === 0) errors.add(`TypeScript ended with exit status ${status}\n`);
  return [...errors].join("");
}

try {
  const started = performance.now();
  await rm("dist", { recursive: true, force: true });
  const errors = compile();
  if (errors) throw new Error(`compiling ${PROJECTS.join(" and ")} failed:\n${errors}`);
  await writeFile("dist/cjs/package.json.tmp", `${JSON.stringify({ type: "commonjs" })}\n`);
  await rename("dist/cjs/package.json.tmp", "dist/cjs/package.json");
  console.log(`build:package: dist/esm and dist/cjs (${Math.round(performance.now() - started)} ms)`);
} catch (error) {
  console.error(`build:package: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
