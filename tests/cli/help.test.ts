import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { type ScriptRun as Run, runScript as run } from "../support/run-script.js";

// Every script parses its command line (commandLine, src/cli/command-line.ts) before it does anything else,
// so a script imported in this process with --help or an unknown option runs that and nothing more: each
// script is checked so, with process.exit and its output caught (a process per script and option was a
// Node and tsx start-up each, most of this file's time). One script also runs as a process, for what only
// a process shows: its exit code and its output streams.

class Exit extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

let imports = 0;

/** Imports `script` as `node script ...args` runs it, until it exits: what it wrote, and its exit code (null: it did not exit). */
async function runInProcess(script: string, args: readonly string[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const argv = process.argv;
  process.argv = [process.execPath, resolve(script), ...args];
  const caught = [
    vi.spyOn(process, "exit").mockImplementation((code?: number | string | null) => {
      throw new Exit(Number(code ?? 0));
    }),
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => stdout.push(String(chunk)) > 0),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => stderr.push(String(chunk)) > 0),
    vi.spyOn(console, "log").mockImplementation((...values: unknown[]) => void stdout.push(`${values.join(" ")}\n`)),
    vi.spyOn(console, "error").mockImplementation((...values: unknown[]) => void stderr.push(`${values.join(" ")}\n`)),
  ];
  let code: number | null = null;
  try {
    // A new query each time: a module runs once per URL.
    await import(`${pathToFileURL(resolve(script)).href}?command-line=${++imports}`);
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
    code = error.code;
  } finally {
    for (const spy of caught) spy.mockRestore();
    process.argv = argv;
  }
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

/** Every npm script that runs one of our scripts: from package.json, so a new one is checked too. */
const scripts = Object.entries((JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts).flatMap(
  ([name, command]) => {
    const file = /^tsx (scripts\/[\w-]+\.ts)$/.exec(command)?.[1];
    return file ? [{ name, file }] : [];
  },
);

/** What the README says each script takes (options and environment variables); the help must name them all. */
const DOCUMENTED: Record<string, readonly string[]> = {
  build: ["--out", "--docs-out", "--no-docs", "--no-lint"],
  mock: ["--port", "--host", "MOCK_PORT", "MOCK_HOST"],
  sandbox: [
    "--port",
    "--host",
    "--speed",
    "--tokens",
    "--reject-unknown-fields",
    "SANDBOX_REJECT_UNKNOWN_FIELDS",
    "--public-origin",
    "--admin-token",
    "SANDBOX_PORT",
    "SANDBOX_PUBLIC_ORIGIN",
    "SANDBOX_ADMIN_TOKEN",
    "--request-timeout",
    "--headers-timeout",
    "--idle-timeout",
    "--max-connections",
    "SANDBOX_REQUEST_TIMEOUT",
    "SANDBOX_HEADERS_TIMEOUT",
    "SANDBOX_IDLE_TIMEOUT",
    "SANDBOX_MAX_CONNECTIONS",
    "--quotas",
    "SANDBOX_QUOTAS",
  ],
  start: ["--port", "--mock-port", "DOCS_PORT", "MOCK_PORT", "MOCK_HOST"],
  "check:sources": ["DOCUTILS_PYTHON"],
  docs: ["--out", "--bundles"],
  "docs:serve": ["--dir", "--port", "--host", "DOCS_PORT"],
  "check:breaking": ["--api", "--baseline-dir", "--revision-dir", "--update-baseline"],
  bench: [
    "--duration",
    "--warmup",
    "--repeat",
    "--connections",
    "--client-time",
    "--skip-load",
    "--skip-client",
    "--skip-pipeline",
    "--no-pin",
    "--profile",
    "--out",
  ],
  dev: [
    "--port",
    "--sandbox-port",
    "--host",
    "--speed",
    "--sandbox-admin-token",
    "--no-docs",
    "--docs-dir",
    "DOCS_PORT",
    "SANDBOX_PORT",
    "SANDBOX_ADMIN_TOKEN",
  ],
  conformance: ["--record", "--recording"],
  "test:node": ["--node"],
};

const invocation = (name: string) => (name === "start" ? "npm start" : `npm run ${name}`);

function expectHelp(name: string, help: Run): void {
  expect(help.code, `${name} --help: ${help.stderr}`).toBe(0);
  expect(help.stdout, name).toMatch(new RegExp(`^Usage: ${invocation(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`));
  expect(help.stdout, name).toContain("-h, --help");
  for (const word of DOCUMENTED[name] ?? []) expect(help.stdout, `${name} --help names ${word}`).toMatch(new RegExp(`(^|\\s)${word}\\b`));
  expect(help.stderr, name).toBe("");
}

function expectUnknownOption(name: string, unknown: Run): void {
  expect(unknown.code, `${name} --not-an-option: ${unknown.stderr}`).toBe(2);
  expect(unknown.stdout, name).toBe("");
  expect(unknown.stderr, name).toBe(`${name}: unknown option --not-an-option (${invocation(name)} -- --help for usage)\n`);
}

describe("every script's command line", () => {
  it("answers --help with a usage naming its options and variables (exit 0), and an unknown option with one line (exit 2)", async () => {
    expect(scripts.map((script) => script.name)).toEqual(expect.arrayContaining(Object.keys(DOCUMENTED)));
    for (const { name, file } of scripts) {
      expectHelp(name, await runInProcess(file, ["--help"]));
      expectUnknownOption(name, await runInProcess(file, ["--not-an-option"]));
    }
  });

  it("does so as a process of its own, through tsx as npm runs it: npm run sandbox", async () => {
    const { name, file } = scripts.find((script) => script.name === "sandbox")!;
    const throughTsx = { throughTsx: true };
    const [help, unknown] = await Promise.all([run(file, ["--help"], throughTsx), run(file, ["--not-an-option"], throughTsx)]);
    expectHelp(name, help);
    expectUnknownOption(name, unknown);
  });
});
