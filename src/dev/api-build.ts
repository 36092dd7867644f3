import { readFile } from "node:fs/promises";
import { lint } from "@redocly/openapi-core";
import { type ApiDefinition, bundlePath, sourceRoot, typesPath } from "../apis.js";
import { bundleApi } from "../build/bundle.js";
import { loadApiConfig } from "../build/redocly-config.js";
import { writeFileAtomic } from "./atomic-write.js";
import { activeProblems, formatProblem } from "./problems.js";

export type ApiBuild =
  | {
      readonly ok: true;
      /** The bundle differs from the one in generated/ (and replaced it). */
      readonly changed: boolean;
      readonly bundle: string;
      /** The bundle generated/ had before, if any. */
      readonly previous: string | undefined;
      /** Lint warnings, one line each. */
      readonly warnings: readonly string[];
      readonly lintMs: number;
      readonly bundleMs: number;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Lint and bundle one API in this process, the same steps as `npm run build` (from the working
 * directory, the project root), and replace generated/<api>/openapi.yaml when the bundle changed. On a
 * lint error or a failing bundle nothing is written: the last good bundle stays.
 */
export async function buildApi(api: ApiDefinition, outDir = "generated"): Promise<ApiBuild> {
  const started = performance.now();
  const root = process.cwd();
  const config = await loadApiConfig(api);
  const problems = activeProblems(await lint({ ref: sourceRoot(api), config }));
  const lintMs = performance.now() - started;
  const errors = problems.filter((problem) => problem.severity === "error");
  const warnings = problems.filter((problem) => problem.severity !== "error").map((problem) => formatProblem(problem, root));
  if (errors.length > 0) return { ok: false, problems: [...errors.map((problem) => formatProblem(problem, root)), ...warnings] };
  let bundle: string;
  try {
    bundle = await bundleApi(api);
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  const file = bundlePath(api, outDir);
  const previous = await readFile(file, "utf8").catch(() => undefined);
  const changed = previous !== bundle;
  if (changed) await writeFileAtomic(file, bundle);
  return { ok: true, changed, bundle, previous, warnings, lintMs, bundleMs: performance.now() - started - lintMs };
}

/** generated/<api>/schema.d.ts from a bundle, replaced only when it changed; whether it did. */
export async function writeTypes(api: ApiDefinition, bundle: string, outDir = "generated"): Promise<boolean> {
  // Loaded on first use: openapi-typescript brings TypeScript, a second of start-up that an example edit never needs.
  const { generateTypes } = await import("../build/types.js");
  const types = await generateTypes(bundle);
  const file = typesPath(api, outDir);
  if ((await readFile(file, "utf8").catch(() => undefined)) === types) return false;
  await writeFileAtomic(file, types);
  return true;
}
