import { type ChildProcess, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { APIS, bundlePath } from "../apis.js";
import { freePort } from "../mock/free-port.js";
import { startPrism } from "../mock/prism.js";
import { DEMO_TOKEN } from "../sandbox/config.js";

/** One server under test, in a child process of its own on 127.0.0.1. */
export interface BenchServer {
  readonly name: "bare node:http" | "sandbox" | "Prism";
  /** The one request every server is measured on. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** The request of the benchmark: list the backups of the demo account, with the documented example data. */
export const ACCOUNT = "1234";
const COMMON_HEADERS = { Accept: "application/json", "X-Auth-Token": DEMO_TOKEN };

export interface ChildOptions {
  /** Extra node flags for the child, e.g. `--cpu-prof --cpu-prof-dir=build/bench/profiles`. */
  readonly nodeFlags?: readonly string[];
}

/**
 * Starts `node --import tsx <script> …args` and resolves once a line of its output matches `ready`;
 * stop() sends SIGTERM (the scripts exit cleanly on it, so a --cpu-prof profile gets written).
 */
function startNodeChild(script: string, args: readonly string[], ready: RegExp, options: ChildOptions): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), "--import", "tsx", script, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        // Keep draining, so a chatty child never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The stateful sandbox as `npm run sandbox` runs it (scripts/sandbox.ts), request validation on. */
export async function startSandboxServer(options: ChildOptions = {}): Promise<BenchServer> {
  const port = await freePort();
  const child = await startNodeChild(
    "scripts/sandbox.ts",
    ["--port", String(port), "--host", "127.0.0.1"],
    /sandbox: Cloud Databases on/,
    options,
  );
  return {
    name: "sandbox",
    url: `http://127.0.0.1:${port}/v1.0/${ACCOUNT}/backups`,
    headers: COMMON_HEADERS,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

/** The Prism mock of the bundled Cloud Databases spec, started by src/mock/prism.ts (request validation on). */
export async function startPrismServer(): Promise<BenchServer> {
  const api = APIS.find((candidate) => candidate.id === "cloud-databases")!;
  const prism = await startPrism({ specFile: bundlePath(api), port: await freePort() });
  return {
    name: "Prism",
    url: `${prism.url}/${ACCOUNT}/backups`,
    headers: { ...COMMON_HEADERS, Prefer: "example=listBackups.200" },
    pid: prism.process.pid,
    stop: () => prism.stop(),
  };
}

/** A bare node:http server answering with `body` (the sandbox's response, fetched once). */
export async function startBareServer(
  body: Uint8Array,
  contentType: string,
  workDir: string,
  options: ChildOptions = {},
): Promise<BenchServer> {
  const bodyFile = join(workDir, "bare-body.json");
  await writeFile(bodyFile, body);
  const port = await freePort();
  const child = await startNodeChild(
    "src/bench/bare-server.ts",
    ["--port", String(port), "--body", bodyFile, "--content-type", contentType],
    /bare: listening on/,
    options,
  );
  return {
    name: "bare node:http",
    url: `http://127.0.0.1:${port}/v1.0/${ACCOUNT}/backups`,
    headers: COMMON_HEADERS,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

/** One GET of the benchmark request: status, body bytes and content type (to check a server before loading it). */
export async function fetchOnce(server: BenchServer): Promise<{ status: number; body: Uint8Array; contentType: string }> {
  const response = await fetch(server.url, { headers: server.headers });
  const body = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, body, contentType: response.headers.get("content-type") ?? "application/json" };
}
