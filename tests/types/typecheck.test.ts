import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { expect, it } from "vitest";

// `npm run typecheck` as one test of the run, so that tsc (a process of its own, one core for several
// seconds) runs beside the other test files instead of before all of them.

const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

// Six seconds alone on two idle cores, up to 25 beside the other test files on a busy machine: the timeout
// is three times that.
it("tsc -p . finds no error in the sources, scripts, code samples, tests and the type tests beside this file", {
  timeout: 75_000,
}, async () => {
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    execFile(process.execPath, [TSC, "-p", "."], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr }),
    );
  });
  expect(output).toBe("");
  expect(code).toBe(0);
});
