// The package as consumers get it: `npm pack` once, install the tarball once into an empty project with
// an ES-module and a CommonJS folder (tests/package/consumers/), type-check both TypeScript consumers in one
// `tsc` program (`module: nodenext`, so each file's format follows its folder's package.json), and run them
// and the plain-JavaScript ones against the sandbox. arethetypeswrong checks the tarball's types from outside.
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

let work = "";
let consumer = "";
let tarball = "";
let sandbox: Sandbox | undefined;
let sandboxUrl = "";

async function packAndInstall(): Promise<void> {
  await run(NPM, ["pack", "--pack-destination", work, "--silent"], { cwd: ROOT });
  const packed = (await readdir(work)).find((file) => file.endsWith(".tgz"));
  if (!packed) throw new Error("npm pack made no tarball");
  tarball = join(work, packed);
  consumer = join(work, "consumer");
  await cp(CONSUMERS, consumer, { recursive: true });
  await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  // --offline, with this checkout's openapi-fetch and openapi-typescript-helpers as the versions on hand:
  // npm must find the package's dependency ranges satisfied by exactly the versions the lockfile pins and
  // the tests run with (a range that excludes them fails here with ENOTCACHED), and no test reaches a registry.
  await run(
    NPM,
    [
      "install",
      "--offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--no-package-lock",
      tarball,
      join(ROOT, "node_modules/openapi-fetch"),
      join(ROOT, "node_modules/openapi-typescript-helpers"),
    ],
    { cwd: consumer },
  );
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "package-consumer-"));
  const starting = createSandbox({ clock: new ManualClock(), config: { validateResponses: true } });
  sandbox = starting;
  [sandboxUrl] = await Promise.all([starting.listen(0, "127.0.0.1"), packAndInstall()]);
}, 90_000);

afterAll(async () => {
  await sandbox?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

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
    await writeFile(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noUncheckedIndexedAccess: true,
          lib: ["ES2023", "DOM", "DOM.Iterable"],
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
          skipLibCheck: false,
        },
        files: ["esm/consumer.ts", "cjs/consumer.ts"],
      }),
    );
    // Emits each consumer's .js beside it, so that node reads it with its folder's module format.
    await run(process.execPath, [TSC, "-p", consumer], { cwd: consumer });
  }, 60_000);

  it("has types that resolve for each module system (arethetypeswrong)", async () => {
    // Profile node16: moduleResolution node10 ignores `exports`, so no subpath package works there.
    const entrypoints = ["./cloud-databases", "./zcom-compute"];
    const report = await run(
      process.execPath,
      [ATTW, tarball, "--profile", "node16", "--format", "json", "--entrypoints", ...entrypoints],
      {
        cwd: work,
      },
    );
    const { analysis } = JSON.parse(report);
    expect(analysis.problems).toEqual([]);
    for (const entrypoint of entrypoints) {
      const resolutions = analysis.entrypoints[entrypoint].resolutions;
      expect(resolutions["node16-cjs"].resolution.fileName).toMatch(/\/dist\/cjs\//);
      expect(resolutions["node16-esm"].resolution.fileName).toMatch(/\/dist\/esm\//);
    }
  }, 60_000);

  it("runs both TypeScript consumers and plain require/import against the sandbox", async () => {
    const env = { ...process.env, SANDBOX_URL: sandboxUrl, AUTH_TOKEN: DEMO_TOKEN };
    const [esm, cjs, plainImport, plainRequire] = await Promise.all(
      ["esm/consumer.js", "cjs/consumer.js", "esm/plain.mjs", "cjs/plain.cjs"].map(async (file) =>
        JSON.parse(await run(process.execPath, [join(consumer, file)], { cwd: consumer, env })),
      ),
    );
    // The first eight documented backups with datastore MySQL; the sandbox's seeded example data.
    const expected = { listed: 8, firstStatus: "COMPLETED", created: "NEW", zcomBackups: 4, specIsOpenApi31: true };
    expect(esm).toEqual(expected);
    expect(cjs).toEqual(expected);
    expect(plainImport).toEqual({ name: "test_instance-backup" });
    expect(plainRequire).toEqual({ name: "test_instance-backup" });
    expect(sandbox?.violations).toEqual([]);
  }, 30_000);
});
