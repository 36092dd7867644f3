// The package as consumers get it: `npm pack` once, install the tarball once into an empty project with
// an ES-module and a CommonJS folder (tests/package/consumers/), type-check both TypeScript consumers in one
// `tsc` program (`module: nodenext`, so each file's format follows its folder's package.json), and run them
// and the plain-JavaScript ones against the sandbox. arethetypeswrong checks the tarball's types from outside.
// tsc and attw start together as soon as the package is installed: the tests then await their results.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";

const exec = promisify(execFile);
const require = createRequire(import.meta.url);
const TSC = require.resolve("typescript/bin/tsc");
// The CLI's bin, found through its package.json (its `exports` do not name the file).
const ATTW = join(dirname(require.resolve("@arethetypeswrong/cli/package.json")), "dist/index.js");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const ROOT = resolve(".");
const CONSUMERS = resolve("tests/package/consumers");
const ENTRYPOINTS = ["./cloud-databases", "./zcom-compute"];

/** Runs a command; on failure the error carries its stdout and stderr, so the test shows tsc's or node's own words. */
async function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  try {
    const { stdout } = await exec(file, args, { ...options, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[file, ...args].join(" ")} failed:\n${stdout}\n${stderr}`);
  }
}

/** Holds a promise's outcome without an unhandled rejection until a test awaits it. */
function settle<T>(promise: Promise<T>): () => Promise<T> {
  const settled = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return async () => {
    const outcome = await settled;
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  };
}

async function packAndInstall(work: string): Promise<{ tarball: string; consumer: string }> {
  await run(NPM, ["pack", "--pack-destination", work, "--silent"], { cwd: ROOT });
  const packed = (await readdir(work)).find((file) => file.endsWith(".tgz"));
  if (!packed) throw new Error("npm pack made no tarball");
  const tarball = join(work, packed);
  const consumer = join(work, "consumer");
  await cp(CONSUMERS, consumer, { recursive: true });
  await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  // --offline, with this checkout's openapi-fetch and openapi-typescript-helpers as the versions on hand:
  // npm must find the package's dependency ranges satisfied by exactly the versions the lockfile pins and
  // the tests run with (a range that excludes them fails here with ENOTCACHED), and no test reaches a registry.
  const dependencies = [join(ROOT, "node_modules/openapi-fetch"), join(ROOT, "node_modules/openapi-typescript-helpers")];
  const flags = ["--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"];
  await run(NPM, ["install", ...flags, tarball, ...dependencies], { cwd: consumer });
  return { tarball, consumer };
}

/** One program for both consumers; it emits each .js beside its .ts, where its folder's package.json gives its format. */
async function typeCheck(consumer: string): Promise<void> {
  const compilerOptions = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    lib: ["ES2023", "DOM", "DOM.Iterable"],
    // skipLibCheck as most projects have it: checking every .d.ts would mostly check openapi-fetch's own, twice
    // (its ESM and CJS declarations), several seconds. The package's declarations still have to be right: a
    // broken import in them would turn the clients into `any`, and the consumers' @ts-expect-error probes would
    // then be unused, which fails the check. No @types/node: the consumers declare the little they use.
    types: [],
    skipLibCheck: true,
  };
  await writeFile(join(consumer, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["esm/consumer.ts", "cjs/consumer.ts"] }));
  await run(process.execPath, [TSC, "-p", consumer], { cwd: consumer });
}

/** attw's JSON report. The default profile, "strict", includes moduleResolution node10 (which ignores `exports`). */
async function arethetypeswrong(work: string, tarball: string): Promise<AttwAnalysis> {
  const args = [ATTW, tarball, "--format", "json", "--entrypoints", ...ENTRYPOINTS];
  // attw exits 1 when it finds problems; its report on stdout says which.
  const { stdout } = await exec(process.execPath, args, { cwd: work }).catch((error: { stdout?: string }) => ({
    stdout: error.stdout ?? "",
  }));
  return (JSON.parse(stdout) as { analysis: AttwAnalysis }).analysis;
}

interface AttwAnalysis {
  problems: unknown[];
  entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }>;
}

let work = "";
let consumer = "";
let sandbox: Sandbox | undefined;
let sandboxUrl = "";
let typeChecked: () => Promise<void>;
let attwReport: () => Promise<AttwAnalysis>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "package-consumer-"));
  const starting = createSandbox({ clock: new ManualClock(), config: { validateResponses: true } });
  sandbox = starting;
  const [url, installed] = await Promise.all([starting.listen(0, "127.0.0.1"), packAndInstall(work)]);
  sandboxUrl = url;
  consumer = installed.consumer;
  typeChecked = settle(typeCheck(consumer));
  attwReport = settle(arethetypeswrong(work, installed.tarball));
}, 90_000);

afterAll(async () => {
  // Both child processes are done before the folder goes.
  await Promise.allSettled([typeChecked?.(), attwReport?.()]);
  await sandbox?.close();
  if (work) await rm(work, { recursive: true, force: true });
}, 60_000);

describe("the packed package, installed into a consumer project", () => {
  it("installs with the dependency versions the tests run with, deduplicated", async () => {
    const installed = await readdir(join(consumer, "node_modules/backup-api-specs"));
    expect(installed, "a nested node_modules means a dependency range did not accept the tested version").not.toContain("node_modules");
    const manifest = JSON.parse(await readFile(join(consumer, "node_modules/backup-api-specs/package.json"), "utf8"));
    for (const [name, range] of Object.entries<string>(manifest.dependencies)) {
      expect(range, `${name} should be a caret range a consumer can share, not an exact pin`).toMatch(/^\^\d/);
    }
  });

  it("type-checks an ES-module and a CommonJS TypeScript consumer against its .d.ts", async () => {
    await typeChecked();
  }, 60_000);

  it("has types that resolve for each module system (arethetypeswrong)", async () => {
    const analysis = await attwReport();
    expect(analysis.problems).toEqual([]);
    for (const entrypoint of ENTRYPOINTS) {
      const { resolutions } = analysis.entrypoints[entrypoint]!;
      expect(resolutions["node16-cjs"]?.resolution?.fileName).toMatch(/\/dist\/cjs\/.*\.d\.ts$/);
      expect(resolutions["node16-esm"]?.resolution?.fileName).toMatch(/\/dist\/esm\/.*\.d\.ts$/);
    }
  }, 60_000);

  it("runs both TypeScript consumers and plain require/import against the sandbox", async () => {
    await typeChecked();
    // Tokyo's time zone, where reading a Z-less timestamp as local time would be nine hours off.
    const env = { ...process.env, SANDBOX_URL: sandboxUrl, AUTH_TOKEN: DEMO_TOKEN, TZ: "Asia/Tokyo" };
    const outputs: Record<string, unknown>[] = [];
    // One after another, each on the documented data: both TypeScript consumers create a backup.
    for (const file of ["esm/consumer.js", "cjs/consumer.js", "esm/plain.mjs", "cjs/plain.cjs"]) {
      sandbox?.reset();
      outputs.push(JSON.parse(await run(process.execPath, [join(consumer, file)], { cwd: consumer, env })));
    }
    const [esm, cjs, plainImport, plainRequire] = outputs;
    expect(cjs).toEqual(esm);
    // The eight documented backups with datastore MySQL (the sandbox's seeded example data), four pages of
    // two, then the empty page that a full last page links to, as Trove's lists do.
    expect(esm).toMatchObject({ listed: 8, firstStatus: "COMPLETED", pages: 5, created: "NEW", zcomBackups: 4 });
    expect(esm?.paged).toEqual(esm?.listedIds);
    // The example timestamps carry no Z; the spec says they are UTC.
    expect(esm?.bareCreated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(esm?.bareCreatedParsed).toBe(`${esm?.bareCreated}.000Z`);
    expect(esm).toMatchObject({ textIsTheBackup: true, otherTokenStatus: 403, missingInstance: 404 });
    expect(esm?.london).toBe("https://lon.databases.api.rackspacecloud.com/v1.0");
    expect(plainImport).toEqual({ name: "test_instance-backup", specIsOpenApi31: true });
    expect(plainRequire).toEqual({ name: "test_instance-backup", specIsOpenApi31: true });
    expect(sandbox?.violations).toEqual([]);
  }, 60_000);
});
