import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const HARNESS_DIR = "conformance/trove";
/** No __pycache__ folders in the harness's checkout. */
export const PYTHON_ENV: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: "1" };

export interface RunningTrove {
  readonly url: string;
  /** The server's log (trove-api.log in the work folder). */
  readonly logFile: string;
  stop(): Promise<void>;
}

export class TroveStartError extends Error {
  override name = "TroveStartError";
}

/**
 * Starts the Trove API in fake mode (conformance/trove/launcher.py) on 127.0.0.1:`port`, with its
 * sqlite database, config and log in `workdir`. Resolves when the API answers; rejects with the
 * log's tail when the launcher exits or does not get there within `timeoutMs`.
 */
export function startTrove(options: { python: string; port: number; workdir: string; timeoutMs?: number }): Promise<RunningTrove> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  const logFile = join(options.workdir, "trove-api.log");
  const child = spawn(options.python, [join(HARNESS_DIR, "launcher.py"), "--port", String(options.port), "--workdir", options.workdir], {
    stdio: ["ignore", "pipe", "pipe"],
    env: PYTHON_ENV,
  });
  const stop = () => stopProcess(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(
        new TroveStartError(
          `${why}\n${tail(output, 20)}${existsSync(logFile) ? `\n--- ${logFile} ---\n${tail(readFileSync(logFile, "utf8"), 40)}` : ""}`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`Trove did not start within ${timeoutMs / 1000} s`), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /TROVE READY (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve({ url: ready[1]!, logFile, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", (error) => fail(`could not run ${options.python}: ${error.message}`));
    child.once("exit", (code, signal) => fail(`the Trove launcher exited (${code ?? signal}) before the API answered`));
  });
}

/** SIGTERM, then SIGKILL if the process is still there after five seconds. */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
