import { readdir, readFile, rm } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin, stop } from "esbuild";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Each spawned script (path relative to the project, as in SPAWNED) → the JavaScript file to run instead. */
    scriptBundles: Record<string, string>;
  }
}

/**
 * The scripts and fixtures the tests start as processes of their own, by these paths (scriptArgs in
 * tests/support/run-script.ts); one not listed runs through tsx. Not scripts/dev.ts, nor build.ts: they
 * import the code samples (TypeScript) while they run, which needs tsx's loader. Nor build-package.ts: the
 * package test runs it as npm does, through `npm pack` and its prepack script.
 */
const SPAWNED = [
  "scripts/check-breaking.ts",
  "scripts/check-sources.ts",
  "scripts/docs-serve.ts",
  "scripts/mock.ts",
  "scripts/sandbox.ts",
  "scripts/start.ts",
  "tests/build/fixtures/commit-loop.ts",
  "tests/generators/run-generators-child.ts",
  "tests/reliability/fixtures/services.ts",
] as const;

const ROOT = resolve(".");
const OUT = join(ROOT, "node_modules/.cache/script-bundles");

/**
 * Our own TypeScript, with `import.meta.url` replaced by the URL of the file it is written in: the bundle
 * lives elsewhere, and the code finds its templates, Python helper and packages relative to its source file.
 */
const sourceUrls: Plugin = {
  name: "source-import-meta-url",
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, "utf8");
      return { contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href)), loader: "ts" };
    });
  },
};

/**
 * Compiles the spawned scripts once for the run, so that each spawn is a plain `node file.js`.
 *
 * Why not `node --import tsx` per spawn, as `npm run` does: on Node 20 tsx's loader runs on a thread of its
 * own, and starting it cost 0.4 to 1 CPU-s per process before the script ran a line (docs-serve: 0.96 CPU-s
 * through tsx, 0.31 from a bundle; the sandbox 3.0 and 2.0). The tests start some thirty such processes.
 * The bundles are our code compiled by esbuild (the compiler tsx itself uses) with every package left to
 * Node to load from node_modules, as under tsx. tests/cli/help.test.ts still runs a script through tsx as
 * npm does, and each npm script's command is checked there.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await removeLeftovers();
  const outdir = join(OUT, String(process.pid));
  const result = await build({
    entryPoints: SPAWNED.map((file) => join(ROOT, file)),
    outdir,
    outbase: ROOT,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: `node${process.versions.node.split(".")[0]}`,
    packages: "external",
    plugins: [sourceUrls],
    logLevel: "silent",
    metafile: true,
  });
  // esbuild's service process would otherwise live as long as vitest's main process, past the run's end.
  await stop();
  const bundles: Record<string, string> = {};
  for (const [output, { entryPoint }] of Object.entries(result.metafile.outputs)) {
    if (entryPoint) bundles[relative(ROOT, resolve(ROOT, entryPoint))] = resolve(ROOT, output);
  }
  project.provide("scriptBundles", bundles);
  return () => rm(outdir, { recursive: true, force: true });
}

/** The bundles of runs that were killed before their teardown (each run's folder is named after its process). */
async function removeLeftovers(): Promise<void> {
  const folders = await readdir(OUT).catch(() => []);
  for (const folder of folders) {
    if (!/^\d+$/.test(folder) || isRunning(Number(folder))) continue;
    await rm(join(OUT, folder), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
