import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const PRISM_BIN = require.resolve("@stoplight/prism-cli/dist/index.js");

export interface PrismOptions {
  readonly specFile: string;
  readonly port: number;
  readonly host?: string;
  /** Pass Prism's output through to this process's stdout/stderr (for `npm run mock`). */
  readonly inheritOutput?: boolean;
  /** How long to wait for "Prism is listening" before giving up. */
  readonly startTimeoutMs?: number;
}

export interface RunningPrism {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `prism mock` on one bundled spec with request validation on and `--errors`, so that a request
 * or a served example that violates the spec becomes an error response instead of a silent log line.
 * Resolves once Prism is listening.
 */
export function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const host = options.host ?? "127.0.0.1";
  const args = [PRISM_BIN, "mock", options.specFile, "--host", host, "--port", String(options.port), "--errors"];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const url = `http://${host}:${options.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    let output = "";
    let listening = false;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`Prism did not start on ${url} within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`));
    }, options.startTimeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      if (options.inheritOutput) process.stdout.write(text);
      if (listening) return;
      output += text;
      if (output.includes("Prism is listening")) {
        listening = true;
        output = "";
        clearTimeout(timer);
        resolve({ url, process: child, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code} before listening on ${url}:\n${output}`));
    });
  });
}
