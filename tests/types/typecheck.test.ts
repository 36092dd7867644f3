import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, it } from "vitest";

// `npm run typecheck` as one test of the run, so that tsc (a process of its own, one core for several
// seconds) runs beside the other test files instead of before all of them. The arguments are the npm
// script's own, so the two cannot drift apart; among them the incremental build info in
// node_modules/.cache/typecheck/: a run after a first one re-checks only what changed (about half the
// time; `npm ci` clears it, so a fresh clone checks everything).

const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.typecheck!;
const [command, ...args] = script.split(" ");

// With no build info (a fresh clone): 11 s alone on two idle cores, 24-34 s beside the other test files,
// 76 s with two other test runs on the same cores; the timeout is three times the last. With build info: 5 s.
it("tsc -p . finds no error in the sources, scripts, code samples, tests and the type tests beside this file", {
  timeout: 240_000,
}, async () => {
  expect(command, "the typecheck script runs tsc").toBe("tsc");
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    execFile(process.execPath, [TSC, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr }),
    );
  });
  expect(output).toBe("");
  expect(code).toBe(0);
});
