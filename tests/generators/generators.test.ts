// Runs widely used third-party generators on both bundled specs, type-checks all their output in one strict
// program, and audits the type each one makes of every component schema against the schema itself.
import { mkdir, mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIS, bundlePath } from "../../src/apis.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { CONTROL_LOSSES, CONTROL_SPEC, writeControlOutputs } from "./audit-control.js";
import { createConsumerProgram, describeDiagnostics, type Finding, packageFolder, SchemaTypes } from "./compile.js";
import { GENERATORS, type Generator, generatorVersion } from "./generators.js";
import { refusingNetworkAndProcesses } from "./offline-guard.js";
import { SchemaFacts } from "./schema-facts.js";
import { TypeAudit } from "./type-audit.js";

interface Run {
  readonly generator: Generator;
  readonly api: (typeof APIS)[number];
  readonly outDir: string;
  error?: unknown;
  /** What the generator printed, shown when it fails. */
  readonly output: string[];
}

let root = "";
const runs: Run[] = [];
let attempts: string[] = [];
let program: ts.Program;
let diagnostics: Finding[] = [];
let controlFiles: Awaited<ReturnType<typeof writeControlOutputs>>;

async function allTsFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".ts")).map((entry) => join(entry.parentPath, entry.name));
}

/** Runs `run` with console output collected into `into` instead of the test log. */
async function quietly(into: string[], run: () => Promise<void>): Promise<void> {
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const saved = methods.map((method) => console[method]);
  for (const method of methods) console[method] = (...args: unknown[]) => void into.push(args.map(String).join(" "));
  try {
    await run();
  } finally {
    methods.forEach((method, index) => {
      console[method] = saved[index]!;
    });
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "backup-api-generators-"));
  ({ attempts } = await refusingNetworkAndProcesses(async () => {
    for (const generator of GENERATORS) {
      for (const api of APIS) {
        const run: Run = { generator, api, outDir: join(root, generator.id, api.id), output: [] };
        runs.push(run);
        await quietly(run.output, () => generator.generate(resolve(bundlePath(api)), run.outDir)).catch((error: unknown) => {
          run.error = error;
        });
      }
    }
  }));
  controlFiles = await writeControlOutputs(join(root, "audit-control"));
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
}, 180_000);

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
      const run = () => runs.find((one) => one.generator === generator && one.api === api)!;
      it(`generates from ${api.id}`, async () => {
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
