import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";
import { scriptArgs } from "../support/run-script.js";

const DEV = resolve("scripts/dev.ts");
const EXAMPLE = "openapi/cloud-databases/examples/listBackups.200.yaml";
const BUNDLE = "generated/cloud-databases/openapi.yaml";
/** A built site's page, as `npm run docs` would leave it (the real one is rendered by the browser test). */
const PAGE = "<!DOCTYPE html><html><head><title>reference</title></head><body><redoc></redoc></body></html>";

/** The output of a running process, and a way to wait for a line in it. */
class Output {
  text = "";
  readonly #waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];

  add(chunk: string): void {
    this.text += chunk;
    for (const waiter of [...this.#waiters]) {
      const match = this.text.match(waiter.pattern);
      if (match) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  }

  /** Resolves with the first match of `pattern` in everything printed so far or later. */
  wait(pattern: RegExp): Promise<RegExpMatchArray> {
    const match = this.text.match(pattern);
    if (match) return Promise.resolve(match);
    return new Promise((resolve) => this.#waiters.push({ pattern, resolve }));
  }
}

/** The event stream a served page listens to, read as text. */
async function openEvents(url: string): Promise<{ output: Output; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const output = new Output();
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) output.add(decoder.decode(chunk, { stream: true }));
    } catch {
      // Aborted at the end of the test.
    }
  })();
  return { output, close: () => controller.abort() };
}

const backupNames = async (sandboxUrl: string): Promise<string[]> => {
  const response = await fetch(`${sandboxUrl}/v1.0/1234/backups`, { headers: { "X-Auth-Token": "demo-token" } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { backups: { name: string }[] }).backups.map((backup) => backup.name);
};

const portIsClosed = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

describe("npm run dev on a copy of the project", () => {
  let copy: ProjectCopy;
  let dev: ChildProcess;
  const stdout = new Output();
  const stderr = new Output();
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let docsUrl: string;
  let sandboxUrl: string;

  beforeAll(async () => {
    copy = await copyProject();
    await mkdir(join(copy.dir, "site"));
    await writeFile(join(copy.dir, "site", "index.html"), PAGE);
    // Free ports chosen by the OS; the docs are not re-rendered (seconds of Redocly per edit): the pages
    // still reload on a fresh bundle.
    dev = spawn(
      process.execPath,
      [...scriptArgs(DEV, { throughTsx: true }), "--port", "0", "--sandbox-port", "0", "--no-docs", "--docs-dir", "site"],
      {
        cwd: copy.dir,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    dev.stdout?.setEncoding("utf8").on("data", (chunk: string) => stdout.add(chunk));
    dev.stderr?.setEncoding("utf8").on("data", (chunk: string) => stderr.add(chunk));
    exited = new Promise((resolve) => dev.once("exit", (code, signal) => resolve({ code, signal })));
    const started = await Promise.race([
      stdout.wait(/docs on (http:\/\/127\.0\.0\.1:\d+)\/ .*sandbox on (http:\/\/127\.0\.0\.1:\d+)\/v1\.0/),
      exited.then(({ code }) => {
        throw new Error(`npm run dev exited with ${code}:\n${stdout.text}${stderr.text}`);
      }),
    ]);
    docsUrl = started[1]!;
    sandboxUrl = started[2]!;
    await stdout.wait(/^dev: ready$/m);
    // A few seconds on two idle cores; the margin is for a machine busy with other test runs.
  }, 120_000);

  afterAll(async () => {
    if (dev && dev.exitCode === null && dev.signalCode === null) {
      dev.kill("SIGKILL");
      await exited;
    }
    await copy?.remove();
  });

  it("serves the pages with the live-reload script, which the built files do not have", async () => {
    const page = await (await fetch(`${docsUrl}/`)).text();
    expect(page).toContain('<script data-dev-reload>(() => { const events = new EventSource("/_dev/events");');
    expect(page.indexOf("data-dev-reload")).toBeLessThan(page.indexOf("</body>"));
    expect(await readFile(join(copy.dir, "site", "index.html"), "utf8")).toBe(PAGE);
  });

  it("rebuilds the bundle, restarts the sandbox and reloads the pages after an example edit", async () => {
    expect(await backupNames(sandboxUrl)).toContain("restored_backup");
    const events = await openEvents(`${docsUrl}/_dev/events`);
    try {
      const example = join(copy.dir, EXAMPLE);
      const text = await readFile(example, "utf8");
      await writeFile(example, text.replace('name: "restored_backup"', 'name: "edited_in_the_test"'));
      await events.output.wait(/^event: reload$/m);
      expect(await readFile(join(copy.dir, BUNDLE), "utf8")).toContain("edited_in_the_test");
      expect(await backupNames(sandboxUrl)).toContain("edited_in_the_test");
      expect(stdout.text).toMatch(
        /dev: cloud-databases: generated\/cloud-databases\/openapi\.yaml rebuilt \(lint \d+ ms, bundle \d+ ms, \d+ ms after the edit\)/,
      );
      expect(stdout.text).toMatch(/dev: sandbox restarted on the fresh bundles in \d+ ms/);
    } finally {
      events.close();
    }
  });

  it("keeps the last good bundle and sandbox on a broken edit, naming file, line and rule, until it is fixed", async () => {
    const events = await openEvents(`${docsUrl}/_dev/events`);
    try {
      const before = await readFile(join(copy.dir, BUNDLE), "utf8");
      const example = join(copy.dir, EXAMPLE);
      const text = await readFile(example, "utf8");
      // Line 8 is the first backup's status; DONE is no BackupStatus.
      expect(text.split("\n")[7]).toBe('    - status: "COMPLETED"');
      await writeFile(example, text.replace('- status: "COMPLETED"', '- status: "DONE"'));
      await stderr.wait(/listBackups\.200\.yaml:8:\d+ error no-invalid-media-type-examples: /);
      await events.output.wait(/^event: failed\ndata: .*no-invalid-media-type-examples/m);
      expect(stderr.text).toContain("dev: cloud-databases: the edit does not build; still serving the last good bundle:");
      expect(await readFile(join(copy.dir, BUNDLE), "utf8")).toBe(before);
      expect(await backupNames(sandboxUrl)).toContain("edited_in_the_test");
      expect((await readdir(join(copy.dir, "generated", "cloud-databases"))).sort()).toEqual(["openapi.yaml", "schema.d.ts"]);

      // Fixed: a rebuild in the same process, whose code samples run again (a module cache would skip them).
      await writeFile(example, text.replace('name: "edited_in_the_test"', 'name: "fixed_in_the_test"'));
      await events.output.wait(/^event: reload$/m);
      expect(await readFile(join(copy.dir, BUNDLE), "utf8")).toContain("fixed_in_the_test");
      expect(await backupNames(sandboxUrl)).toContain("fixed_in_the_test");
    } finally {
      events.close();
    }
  });

  it("stops both servers and exits 0 on Ctrl-C", async () => {
    dev.kill("SIGINT");
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await portIsClosed(docsUrl)).toBe(true);
    expect(await portIsClosed(sandboxUrl)).toBe(true);
  });
});
