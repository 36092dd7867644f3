import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(script: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", script, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
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

describe("every script's command line", () => {
  it("answers --help with a usage naming its options and variables (exit 0), and an unknown option with one line (exit 2)", {
    timeout: 90_000,
  }, async () => {
    expect(scripts.map((script) => script.name)).toEqual(expect.arrayContaining(Object.keys(DOCUMENTED)));
    // All at once: each run is a Node start-up, and --help answers before a script loads its modules. A few
    // seconds on two idle cores; the timeout leaves room for a machine busy with other test runs.
    const runs = await Promise.all(
      scripts.map(async ({ name, file }) => {
        const [help, unknown] = await Promise.all([run(file, ["--help"]), run(file, ["--not-an-option"])]);
        return { name, help, unknown };
      }),
    );
    for (const { name, help, unknown } of runs) {
      const invocation = name === "start" ? "npm start" : `npm run ${name}`;
      expect(help.code, `${name} --help: ${help.stderr}`).toBe(0);
      expect(help.stdout, name).toMatch(new RegExp(`^Usage: ${invocation.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`));
      expect(help.stdout, name).toContain("-h, --help");
      for (const word of DOCUMENTED[name] ?? [])
        expect(help.stdout, `${name} --help names ${word}`).toMatch(new RegExp(`(^|\\s)${word}\\b`));
      expect(help.stderr, name).toBe("");

      expect(unknown.code, `${name} --not-an-option: ${unknown.stderr}`).toBe(2);
      expect(unknown.stdout, name).toBe("");
      expect(unknown.stderr, name).toBe(`${name}: unknown option --not-an-option (${invocation} -- --help for usage)\n`);
    }
  });
});
