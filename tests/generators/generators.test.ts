// Runs widely used third-party generators on both bundled specs, type-checks all their output in one strict
// program, and audits the type each one makes of every component schema against the schema itself.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIS } from "../../src/apis.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { scriptArgs } from "../support/run-script.js";
import { CONTROL_LOSSES, CONTROL_SPEC, writeControlOutputs } from "./audit-control.js";
import { createConsumerProgram, describeDiagnostics, type Finding, packageFolder, SchemaTypes } from "./compile.js";
import { GENERATORS, type Generator, generatorVersion } from "./generators.js";
import { refusingNetworkAndProcesses } from "./offline-guard.js";
import { type GeneratorRun, type LaneResult, runGenerators } from "./run-generators.js";
import { SchemaFacts } from "./schema-facts.js";
import { TypeAudit } from "./type-audit.js";

/**
 * Generators run in a child process while the rest run here: the two lanes take about the same time
 * (measured CPU seconds on a loaded machine: orval 2.8, typed-openapi 2.1; openapi-typescript 1.3,
 * hey-api 1.4, oazapfts 0.5 (these three share the compiler this process loads anyway), openapi-zod-client 2.3).
 */
const CHILD_LANE = ["orval", "typed-openapi"];
const CHILD = fileURLToPath(new URL("./run-generators-child.ts", import.meta.url));

let root = "";
let runs: GeneratorRun[] = [];
let attempts: string[] = [];
let childFailure = "";
let program: ts.Program;
let diagnostics: Finding[] = [];
let controlFiles: Awaited<ReturnType<typeof writeControlOutputs>>;

async function allTsFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".ts")).map((entry) => join(entry.parentPath, entry.name));
}

/** The child lane: its result, or what it printed when it failed (ended before the hook's timeout, so that it says why). */
async function runChildLane(resultFile: string): Promise<LaneResult | string> {
  try {
    await promisify(execFile)(process.execPath, [...scriptArgs(CHILD), root, resultFile, ...CHILD_LANE], { timeout: 50_000 });
    return JSON.parse(await readFile(resultFile, "utf8")) as LaneResult;
  } catch (error) {
    const failed = error as { message?: string; stderr?: string };
    return `${failed.message ?? ""}\n${failed.stderr ?? ""}`;
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "backup-api-generators-"));
  // Started before this process refuses to start processes.
  const child = runChildLane(join(root, "child-lane.json"));
  const own = await runGenerators(
    GENERATORS.map((generator) => generator.id).filter((id) => !CHILD_LANE.includes(id)),
    root,
  );
  const theirs = await child;
  if (typeof theirs === "string") childFailure = theirs;
  runs = [...own.runs, ...(typeof theirs === "string" ? [] : theirs.runs)];
  attempts = [...own.attempts, ...(typeof theirs === "string" ? [] : theirs.attempts)];
  controlFiles = await writeControlOutputs(join(root, "audit-control"));
});

// The compiler's half of the work, a hook of its own: each half takes seconds, and each hook has its own timeout.
beforeAll(async () => {
  const sources = await allTsFiles(root);
  // Each output folder gets the packages its code imports, as a consumer installs them next to it.
  for (const generator of GENERATORS) {
    for (const name of generator.runtimeImports) {
      const link = join(root, generator.id, "node_modules", name);
      await mkdir(dirname(link), { recursive: true });
      await symlink(packageFolder(generator.packageName, name), link, "dir");
    }
  }
  program = createConsumerProgram(sources);
  diagnostics = describeDiagnostics(ts.getPreEmitDiagnostics(program), root);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const texts = (findings: Finding[]): string[] => findings.map((finding) => finding.text);

function audit(facts: SchemaFacts, outDir: string, locate: Generator["locate"]): string[] {
  const checker = program.getTypeChecker();
  const types = new SchemaTypes(checker, program, outDir, locate);
  const typeAudit = new TypeAudit(checker, facts);
  for (const [name, schema] of facts.components()) typeAudit.component(name, schema, types.typeOf(name));
  return typeAudit.problems;
}

it("no generator reaches the network or starts a process", () => {
  expect(childFailure).toBe("");
  expect(attempts).toEqual([]);
});

it("the guard does see a process start and a connection", async () => {
  const { attempts: seen } = await refusingNetworkAndProcesses(async () => {
    const { execFileSync } = await import("node:child_process");
    expect(() => execFileSync(process.execPath, ["--version"])).toThrow(/refused/);
    expect(() => connect(9, "127.0.0.1")).toThrow(/refused/);
    expect(() => fetch("http://127.0.0.1:9/")).toThrow(/refused/);
  });
  expect(seen.map((attempt) => attempt.replace(/\(.*/, ""))).toEqual(["child_process.execFileSync", "net.Socket#connect", "fetch"]);
});

it("the runtime packages the generated code imports type-check too (skipLibCheck: false)", () => {
  expect(texts(diagnostics.filter((finding) => !finding.file.startsWith(root + sep)))).toEqual([]);
});

describe("the audit tells a faithful output from a lossy one", () => {
  const facts = new SchemaFacts(CONTROL_SPEC);
  it("compiles both control outputs", () => {
    expect(texts(diagnostics.filter((finding) => finding.file.startsWith(join(root, "audit-control") + sep)))).toEqual([]);
  });
  it("finds nothing lost in the faithful output", () => {
    expect(audit(facts, join(root, "audit-control"), { kind: "export", file: "faithful.ts" })).toEqual([]);
  });
  it("reports each loss of the lossy output", () => {
    expect(controlFiles.lossy).toBeTruthy();
    expect(audit(facts, join(root, "audit-control"), { kind: "export", file: "lossy.ts" }).sort()).toEqual([...CONTROL_LOSSES].sort());
  });
});

for (const generator of GENERATORS) {
  describe(`${generator.packageName} ${generatorVersion(generator)}`, () => {
    for (const api of APIS) {
      const run = () => runs.find((one) => one.id === generator.id && one.api === api.id)!;
      it(`generates from ${api.id}`, async () => {
        expect(run(), childFailure).toBeDefined();
        expect(run().error, run().output.join("\n")).toBeUndefined();
        expect((await allTsFiles(run().outDir)).length).toBeGreaterThan(0);
      });
      it(`${api.id}: the output compiles under strict with skipLibCheck: false`, () => {
        expect(texts(diagnostics.filter((finding) => finding.file.startsWith(run().outDir + sep)))).toEqual([]);
      });
      it(`${api.id}: every component schema keeps its type, fields, required fields, branches and literals`, () => {
        expect(audit(new SchemaFacts(loadBundle(api)), run().outDir, generator.locate)).toEqual([]);
      });
    }
  });
}
