/**
 * The breaking-change check: compares each API's bundled spec (generated/<api>/openapi.yaml) with the
 * last released one (openapi/baseline/<api>/openapi.yaml) through `redocly diff` (see src/breaking/).
 *
 *   tsx scripts/check-breaking.ts [--api <id>] [--baseline-dir openapi/baseline] [--revision-dir generated]
 *   tsx scripts/check-breaking.ts --update-baseline     (the release step: baseline := generated)
 *
 * Exits 0 when no change breaks consumers, or every API with breaking changes has raised the MAJOR of
 * its info.version above the baseline's; 1 when an API has breaking changes without that, listing each
 * with operation, place, message and rule; 2 when the check cannot run (a missing baseline, a failing
 * `redocly diff`). Run from the project root.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { APIS, type ApiDefinition, apiById, bundlePath } from "../src/apis.js";
import { BASELINE_DIR } from "../src/breaking/baseline.js";
import { commandLine, usageError } from "../src/cli/command-line.js";

const values = commandLine({
  name: "check:breaking",
  summary:
    "Compares each API's bundle (generated/<api>/openapi.yaml) with the last released one (openapi/baseline/<api>/openapi.yaml) " +
    "and lists every change that breaks consumers, with every operation it affects.",
  options: {
    api: { type: "string", value: "<id>", description: `check one API only (${APIS.map((api) => api.id).join(", ")})` },
    "baseline-dir": { type: "string", value: "<dir>", default: BASELINE_DIR, description: "where the released bundles are" },
    "revision-dir": { type: "string", value: "<dir>", default: "generated", description: "where the bundles to release are" },
    "update-baseline": { type: "boolean", description: "the release step: copy each bundle to the baseline" },
  },
  notes: ["Exit codes: 0 passed, 1 breaking changes without a MAJOR version bump, 2 the check could not run."],
});
if (values.api !== undefined && !APIS.some((api) => api.id === values.api)) {
  usageError(`check:breaking: --api must be one of ${APIS.map((api) => api.id).join(", ")}, not "${values.api}"`);
}

const { parse } = await import("yaml");
const { checkBreaking, formatCheck, passes } = await import("../src/breaking/check.js");

const apis: readonly ApiDefinition[] = values.api ? [apiById(values.api)] : APIS;

/** Copies each bundle to the baseline, under a header saying which release it is. */
async function updateBaseline(): Promise<number> {
  for (const api of apis) {
    const source = bundlePath(api, values["revision-dir"]);
    const text = await readFile(source, "utf8");
    const version = (parse(text) as { info?: { version?: string } }).info?.version ?? "(none)";
    const header =
      `# Baseline of \`npm run check:breaking\`: the released bundle of ${api.id}, info.version ${version}.\n` +
      `# Copied from ${source} by \`npm run check:breaking -- --update-baseline\` at release. Do not edit.\n`;
    const target = bundlePath(api, values["baseline-dir"]);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, header + text.replace(/^(#[^\n]*\n)+/, ""));
    console.log(`check:breaking: ${target} is now ${source} (info.version ${version})`);
  }
  return 0;
}

async function check(): Promise<number> {
  let failed = 0;
  // At once: each check waits on its own `redocly diff` child.
  const results = await Promise.all(
    apis.map((api) => checkBreaking(api, { baselineDir: values["baseline-dir"], revisionDir: values["revision-dir"] })),
  );
  for (const result of results) {
    console.log(formatCheck(result));
    if (!passes(result)) failed++;
  }
  console.log(
    failed === 0
      ? "check:breaking: passed"
      : `check:breaking: failed: ${failed} API${failed === 1 ? " has" : "s have"} breaking changes without a MAJOR version bump`,
  );
  return failed === 0 ? 0 : 1;
}

(values["update-baseline"] ? updateBaseline() : check()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`check:breaking: cannot check: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
