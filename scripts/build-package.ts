/**
 * `npm run build:package` (and `prepack`): the clients as an ES-module and a CommonJS build.
 *
 *   tsx scripts/build-package.ts
 *
 * Empties dist/, then compiles src/clients/ twice at once: tsconfig.build.json to dist/esm/ (what `import`
 * gets) and tsconfig.build.cjs.json to dist/cjs/ (what `require` gets), each with its .d.ts. dist/cjs/ gets a
 * package.json saying "type": "commonjs", so that Node and TypeScript read its .js and .d.ts as CommonJS in
 * this "type": "module" package. package.json's `exports` send each condition to its folder.
 */
import { execFile } from "node:child_process";
import { rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { commandLine } from "../src/cli/command-line.js";

commandLine({
  name: "build:package",
  summary: "Compiles the clients (src/clients/) to dist/esm/ (ES modules) and dist/cjs/ (CommonJS), each with its .d.ts.",
  options: {},
});

const exec = promisify(execFile);
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

async function compile(project: string): Promise<void> {
  try {
    await exec(process.execPath, [TSC, "-p", project]);
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${project} failed:\n${stdout}${stderr}`);
  }
}

try {
  const started = performance.now();
  await rm("dist", { recursive: true, force: true });
  await Promise.all([compile("tsconfig.build.json"), compile("tsconfig.build.cjs.json")]);
  await writeFile("dist/cjs/package.json.tmp", `${JSON.stringify({ type: "commonjs" })}\n`);
  await rename("dist/cjs/package.json.tmp", "dist/cjs/package.json");
  console.log(`build:package: dist/esm and dist/cjs (${Math.round(performance.now() - started)} ms)`);
} catch (error) {
  console.error(`build:package: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
