import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { parse } from "yaml";
import { REDOCLY_BIN, REDOCLY_ENV } from "../../src/build/redocly-cli.js";
import { ScaledClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";

// Every Arazzo description in openapi/workflows/ runs with `redocly respect` against a sandbox on a free
// 127.0.0.1 port whose clock runs 1000 times faster than real time (a backup completes in 65 ms), with
// each source description's server pointed at the sandbox. Respect also checks every response against
// the bundled spec, and the sandbox checks its own responses (validateResponses).

const WORKFLOWS_DIR = "openapi/workflows";
const WORKFLOW_FILES = readdirSync(WORKFLOWS_DIR)
  .filter((file) => file.endsWith(".arazzo.yaml"))
  .sort()
  .map((file) => join(WORKFLOWS_DIR, file));

interface ArazzoDocument {
  sourceDescriptions: { name: string; url: string; type: string }[];
  workflows: { workflowId: string }[];
}
interface ServerObject {
  url: string;
  variables?: Record<string, { default: string }>;
}
interface RespectReport {
  status: string;
  files: Record<string, { executedWorkflows: { workflowId: string; status: string; executedSteps: RespectStep[] }[] }>;
}
interface RespectStep {
  stepId: string;
  status: string;
  checks: { name: string; passed: boolean; message: string }[];
}

/** The path of a spec's first server, variables at their defaults: where the sandbox mounts that API (/v1.0, /v2). */
function serverPath(specFile: string): string {
  const spec = parse(readFileSync(specFile, "utf8")) as { servers: ServerObject[] };
  const server = spec.servers[0]!;
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? name);
  return new URL(url).pathname.replace(/\/$/, "");
}

function runRespect(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [REDOCLY_BIN, "respect", ...args], {
      env: { ...REDOCLY_ENV, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, output }));
  });
}

let sandbox: Sandbox | undefined;
let sandboxUrl = "";
let outDir = "";

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "respect-"));
  sandbox = createSandbox({ clock: new ScaledClock(1000), config: { validateResponses: true } });
  sandboxUrl = await sandbox.listen(0, "127.0.0.1");
});
afterAll(async () => {
  await sandbox?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

// The files run side by side: each works on its own API of the one fresh sandbox.
describe.concurrent("the Arazzo workflows pass against the sandbox (redocly respect)", () => {
  it("there are workflow files, and each names its workflows", ({ expect }) => {
    expect(WORKFLOW_FILES.map((file) => basename(file))).toEqual(["cloud-databases.arazzo.yaml", "zcom-compute.arazzo.yaml"]);
  });

  for (const file of WORKFLOW_FILES) {
    const arazzo = parse(readFileSync(file, "utf8")) as ArazzoDocument;
    const workflowIds = arazzo.workflows.map((workflow) => workflow.workflowId);

    it(`${basename(file)}: ${workflowIds.join(", ")} all pass`, { timeout: 60_000 }, async ({ expect }) => {
      const servers = arazzo.sourceDescriptions.map(
        (source) => `${source.name}=${sandboxUrl}${serverPath(resolve(dirname(file), source.url))}`,
      );
      const report = join(outDir, `${basename(file, ".arazzo.yaml")}.json`);
      const { code, output } = await runRespect([
        file,
        "--server",
        servers.join(","),
        "--input",
        `token=${DEMO_TOKEN}`,
        "--json-output",
        report,
        "--execution-timeout",
        "50000",
      ]);

      const result = (await readFile(report, "utf8").then(JSON.parse, () => undefined)) as RespectReport | undefined;
      expect(result, `redocly respect wrote no report (exit ${code}):\n${output}`).toBeDefined();
      const executed = Object.values(result!.files).flatMap((entry) => entry.executedWorkflows);
      // Only the failed checks of failed workflows: a poll's "not COMPLETED yet" before its retry is not one.
      const failures = executed
        .filter((workflow) => workflow.status !== "success")
        .flatMap((workflow) =>
          workflow.executedSteps.flatMap((step) =>
            step.checks.filter((check) => !check.passed).map((check) => `${workflow.workflowId}/${step.stepId}: ${check.message}`),
          ),
        );
      expect(
        executed.map((workflow) => [workflow.workflowId, workflow.status]),
        `${failures.join("\n")}\n\n${output}`,
      ).toEqual(workflowIds.map((id) => [id, "success"]));
      expect(result!.status).toBe("success");
      expect(code, output).toBe(0);
      expect(sandbox!.violations).toEqual([]);
    });
  }
});
