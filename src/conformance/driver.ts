import { spawn } from "node:child_process";
import { join } from "node:path";
import { HARNESS_DIR, PYTHON_ENV, stopProcess, tail } from "./trove-server.js";

/** The driver's exit status when the server did not reach a state a later step needs. */
const DRIVER_GAVE_UP = 3;

export class DriverError extends Error {
  override name = "DriverError";
}

/**
 * Runs conformance/trove/drive.py against a running Trove: python-troveclient and raw HTTP through the
 * whole backup API, every exchange recorded to `out` with `header` on top. Rejects when the driver
 * fails or takes longer than `timeoutMs`.
 */
export function runDriver(options: {
  python: string;
  baseUrl: string;
  workdir: string;
  out: string;
  header: Record<string, string>;
  /** Receives the driver's progress lines ("instances: done after 9.1 s"). */
  progress?: (line: string) => void;
  timeoutMs?: number;
}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const args = [
    join(HARNESS_DIR, "drive.py"),
    ...["--base-url", options.baseUrl, "--workdir", options.workdir, "--out", options.out, "--header", JSON.stringify(options.header)],
  ];
  const child = spawn(options.python, args, { stdio: ["ignore", "pipe", "pipe"], env: PYTHON_ENV });
  let output = "";
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) options.progress?.(line);
  });
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopProcess(child);
      reject(new DriverError(`the driver did not finish within ${timeoutMs / 1000} s\n${tail(output, 20)}`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new DriverError(`could not run ${options.python}: ${error.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else if (code === DRIVER_GAVE_UP) reject(new DriverError(tail(output, 5)));
      else reject(new DriverError(`the driver failed (${code ?? signal}):\n${tail(output, 30)}`));
    });
  });
}
