// Runs generators on both bundles with network and child processes refused, their console output kept
// for failure messages. Used in the test process and, for the other half of the work, in a child process
// (run-generators-child.ts) so that the two cores share it.
import { resolve } from "node:path";
import { APIS, type ApiId, bundlePath } from "../../src/apis.js";
import { GENERATORS } from "./generators.js";
import { refusingNetworkAndProcesses } from "./offline-guard.js";

export interface GeneratorRun {
  readonly id: string;
  readonly api: ApiId;
  /** Where its output is: `<root>/<generator id>/<api id>`. */
  readonly outDir: string;
  /** Why it failed, if it did. */
  readonly error?: string;
  /** What it printed. */
  readonly output: readonly string[];
}

export interface LaneResult {
  readonly runs: GeneratorRun[];
  /** Network or process starts the generators attempted (each refused). */
  readonly attempts: string[];
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

export async function runGenerators(ids: readonly string[], root: string): Promise<LaneResult> {
  const { result, attempts } = await refusingNetworkAndProcesses(async () => {
    const runs: GeneratorRun[] = [];
    for (const id of ids) {
      const generator = GENERATORS.find((candidate) => candidate.id === id);
      if (!generator) throw new Error(`Unknown generator ${id}`);
      for (const api of APIS) {
        const outDir = resolve(root, generator.id, api.id);
        const output: string[] = [];
        let error: string | undefined;
        await quietly(output, () => generator.generate(resolve(bundlePath(api)), outDir)).catch((failure: unknown) => {
          error = failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
        });
        runs.push({ id, api: api.id, outDir, output, ...(error === undefined ? {} : { error }) });
      }
    }
    return runs;
  });
  return { runs: result, attempts };
}
