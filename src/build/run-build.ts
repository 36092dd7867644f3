import { APIS, bundlePath, typesPath } from "../apis.js";
import { bundleApi } from "./bundle.js";
import { buildDocsSite } from "./docs.js";
import { lintApi } from "./lint.js";
import { discardStaged, type OutputFiles, recoverInterruptedWrite, stageDirectory, swapIn } from "./write-outputs.js";

export interface BuildOptions {
  /** Where the bundled specs and types go (generated). */
  readonly out: string;
  /** Where the docs site goes (build/docs). */
  readonly docsOut: string;
  readonly docs: boolean;
  readonly lint: boolean;
  /** Progress lines; lint problems go to stderr through Redocly's own formatter. */
  readonly log?: (line: string) => void;
}

/** A failure the build has already explained (lint problems printed); the CLI exits 1 with its message. */
export class BuildError extends Error {
  override readonly name = "BuildError";
}

/**
 * The one build: lint → bundle (with code samples) → types → reference docs, for every API. Everything is
 * made first, the docs from the new bundles in a staged folder; only then are `out` and `docsOut` replaced,
 * together, so a failure anywhere leaves both as they were (see write-outputs.ts).
 */
export async function runBuild(options: BuildOptions): Promise<void> {
  const log = options.log ?? console.log;
  for (const target of options.docs ? [options.out, options.docsOut] : [options.out]) {
    for (const line of recoverInterruptedWrite(target)) log(`build: ${line}`);
  }
  if (options.lint) {
    let errors = 0;
    for (const api of APIS) errors += (await lintApi(api)).errors;
    if (errors > 0) throw new BuildError(`lint found ${errors} error(s); nothing was generated.`);
    log("lint: 0 errors, 0 warnings");
  }
  const files = new Map<string, string>();
  for (const api of APIS) files.set(bundlePath(api, "."), await bundleApi(api));
  // openapi-typescript loads the TypeScript compiler (seconds): only once every API has bundled.
  const { generateTypes } = await import("./types.js");
  for (const api of APIS) files.set(typesPath(api, "."), await generateTypes(files.get(bundlePath(api, "."))!));
  try {
    await replaceOutputs(options, files, log);
  } finally {
    discardStaged();
  }
}

async function replaceOutputs(options: BuildOptions, files: OutputFiles, log: (line: string) => void): Promise<void> {
  const generated = stageDirectory(options.out, files);
  const docs = options.docs ? stageDirectory(options.docsOut) : undefined;
  const site = docs ? await buildDocsSite({ outDir: docs, bundleDir: generated }) : undefined;
  // From here to the last log line nothing awaits: both folders are swapped in before a signal can be handled.
  swapIn(generated, options.out);
  if (docs) swapIn(docs, options.docsOut);
  for (const api of APIS) log(`${api.id}: ${bundlePath(api, options.out)}, ${typesPath(api, options.out)}`);
  for (const page of site?.pages ?? []) log(`${page.api.id}: ${options.docsOut}/${page.reference}`);
  if (site) log(`docs: ${options.docsOut}/${site.index}`);
}
