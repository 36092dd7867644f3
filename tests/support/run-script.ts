import { execFile } from "node:child_process";

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
}

/** Runs `node --import tsx <script> <args>`, as `npm run` does, and resolves with its exit code and output (never rejects). */
export function runScript(script: string, args: readonly string[], options: ScriptRunOptions = {}): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      {
        env: { ...process.env, ...options.env },
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, killSignal: "SIGKILL" as const }),
      },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}
