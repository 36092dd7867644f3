import { APIS, bundlePath, typesPath } from "../apis.js";
import { bundleApi } from "./bundle.js";
import { buildDocsSite } from "./docs.js";
import { lintApi } from "./lint.js";
import { writeOutputs } from "./write-outputs.js";

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

/** The one build: lint → bundle (with code samples) → types → reference docs, for every API. */
export async function runBuild(options: BuildOptions): Promise<void> {
  const log = options.log ?? console.log;
  if (options.lint) {
    let errors = 0;
    for (const api of APIS) errors += (await lintApi(api)).errors;
    if (errors > 0) throw new BuildError(`lint found ${errors} error(s); nothing was generated.`);
    log("lint: 0 errors, 0 warnings");
  }
  // openapi-typescript loads the TypeScript compiler (seconds): only once lint has passed.
  const { generateTypes } = await import("./types.js");
  for (const api of APIS) {
    const bundled = await bundleApi(api);
    const files = new Map([
      [bundlePath(api, "."), bundled],
      [typesPath(api, "."), await generateTypes(bundled)],
    ]);
    await writeOutputs(options.out, files);
    log(`${api.id}: ${bundlePath(api, options.out)}, ${typesPath(api, options.out)}`);
  }
  if (options.docs) {
    const site = await buildDocsSite({ outDir: options.docsOut, bundleDir: options.out });
    for (const page of site.pages) log(`${page.api.id}: ${options.docsOut}/${page.reference}`);
    log(`docs: ${options.docsOut}/${site.index}`);
  }
}
