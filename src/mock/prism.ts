import type { ChildProcess } from "node:child_process";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { basename, dirname } from "node:path";
import { APIS } from "../apis.js";
import { childService, type Service } from "../process/supervisor.js";
import { spawnTiedNode } from "../process/tied-child.js";
import type { FaultStyle } from "../sandbox/faults.js";
import { freePort } from "./free-port.js";
import { startGuard } from "./guard.js";

const require = createRequire(import.meta.url);
const PRISM_BIN = require.resolve("@stoplight/prism-cli/dist/index.js");

export interface PrismOptions {
  readonly specFile: string;
  /** Where the mock listens (0: a free port). */
  readonly port: number;
  readonly host?: string;
  /** Whose fault bodies the guard answers with; by default the API whose folder holds specFile. */
  readonly faults?: FaultStyle;
  /** Pass Prism's output through to this process's stdout/stderr (for `npm run mock`). */
  readonly inheritOutput?: boolean;
  /** How long to wait for "Prism is listening" before giving up. */
  readonly startTimeoutMs?: number;
}

export interface RunningPrism extends Service {
  readonly url: string;
  readonly process: ChildProcess;
}

/**
 * Starts `prism mock` on one bundled spec with request validation on and `--errors`, so that a request
 * or a served example that violates the spec becomes an error response instead of a silent log line.
 * Prism listens on a private port of 127.0.0.1; the mock's address is a guard (guard.ts) that refuses what
 * would end Prism and passes everything else through. Resolves once both listen. Prism is tied to this
 * process and ends with it.
 */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const host = options.host ?? "127.0.0.1";
  const faults = options.faults ?? faultStyleOf(options.specFile);
  const internalPort = await freePort();
  const internalUrl = `http://127.0.0.1:${internalPort}`;
  const child = spawnTiedNode([PRISM_BIN, "mock", options.specFile, "--host", "127.0.0.1", "--port", String(internalPort), "--errors"]);
  // The end of what Prism printed (its error, should it end), without holding on to all of it.
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-2000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const service = childService(`the Prism mock of ${options.specFile}`, child, () => tail);
  let guard: Server | undefined;
  const stop = async () => {
    const closing = guard ? new Promise<void>((resolve) => guard!.close(() => resolve())) : Promise.resolve();
    guard?.closeAllConnections();
    await Promise.all([service.stop(), closing]);
  };
  try {
    const publicUrl = await new Promise<string>((resolve, reject) => {
      let output = "";
      let listening = false;
      const timeoutMs = options.startTimeoutMs ?? 30_000;
      const timer = setTimeout(() => reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        // Prism prints its private address; the user knows the mock by the guard's.
        const text = chunk.toString().replaceAll(internalUrl, `http://${host}:${options.port || "…"}`);
        if (options.inheritOutput) process.stdout.write(text);
        if (listening) return;
        output += text;
        if (output.includes("Prism is listening")) {
          listening = true;
          clearTimeout(timer);
          resolve("");
        }
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited with ${code} before listening:\n${output}`));
      });
    }).then(async () => {
      guard = await startGuard({ host, port: options.port, upstreamPort: internalPort, faults });
      const address = guard.address();
      return `http://${host}:${typeof address === "object" && address ? address.port : options.port}`;
    });
    return { name: `the Prism mock on ${publicUrl}`, url: publicUrl, process: child, ended: service.ended, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The API a bundled spec belongs to, from its folder (generated/<api>/openapi.yaml). */
function faultStyleOf(specFile: string): FaultStyle {
  const folder = basename(dirname(specFile));
  const api = APIS.find((candidate) => candidate.id === folder);
  if (!api) throw new Error(`${specFile}: cannot tell which API it describes; pass faults`);
  return api.id;
}
