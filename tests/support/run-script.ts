import { execFile } from "node:child_process";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What a script run as a process of its own ended with. */
export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ScriptRunOptions {
  /** Added to this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this long: a script that wrongly starts a server must not outlive the test. */
  readonly timeoutMs?: number;
  /** Through tsx even when the script has a bundle, exactly as its npm script runs it. */
  readonly throughTsx?: boolean;
}

/**
 * Node's arguments that run `script` (absolute, or from the project's folder: "scripts/sandbox.ts") as a
 * process of its own: its bundle compiled for this test run when it has one (tests/support/script-bundles.ts
 * says why, and which), else the TypeScript through tsx, as `npm run` does.
 */
export function scriptArgs(script: string, options: { throughTsx?: boolean } = {}): string[] {
  const file = resolve(ROOT, script);
  const bundle = options.throughTsx ? undefined : inject("scriptBundles")[relative(ROOT, file).replaceAll("\\", "/")];
  return bundle ? [bundle] : ["--import", "tsx", file];
}

/** Runs `script` (see scriptArgs) with `args` and resolves with its exit code and output (never rejects). */
export function runScript(script: string, args: readonly string[], options: ScriptRunOptions = {}): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...scriptArgs(script, options), ...args],
      {
        env: { ...process.env, ...options.env },
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, killSignal: "SIGKILL" as const }),
      },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}
