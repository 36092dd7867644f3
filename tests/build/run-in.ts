import { type BuildOptions, runBuild } from "../../src/build/run-build.js";

export interface BuildRun {
  readonly ok: boolean;
  /** Everything the build printed: its progress and error lines, and Redocly's problem reports. */
  readonly output: string;
}

/**
 * Runs `work` in this process with `dir` as the working directory, as a command run there would (the
 * build reads openapi/ and redocly.yaml relative to it), and captures what it prints. In-process because
 * a spawned build pays seconds of module loading each time (Redocly, TypeScript). The directory and the
 * output streams are the process's: they are put back before this returns, and a vitest worker runs one
 * test file at a time, so the change reaches no other test (the tests that call this are not concurrent).
 */
export async function runIn(dir: string, work: (log: (line: string) => void) => Promise<unknown>): Promise<BuildRun> {
  const lines: string[] = [];
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = (chunk: string | Uint8Array) => {
    lines.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
    return true;
  };
  const home = process.cwd();
  process.chdir(dir);
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    await work((line) => lines.push(`${line}\n`));
    return { ok: true, output: lines.join("") };
  } catch (error) {
    lines.push(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    return { ok: false, output: lines.join("") };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.chdir(home);
  }
}

/** `npm run build` (without docs unless asked) in `dir`, in this process. */
export const runBuildIn = (dir: string, options: Partial<BuildOptions> = {}): Promise<BuildRun> =>
  runIn(dir, (log) => runBuild({ out: "generated", docsOut: "build/docs", docs: false, lint: true, log, ...options }));
