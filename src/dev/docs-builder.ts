import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { setPriority } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const DOCS_SCRIPT = fileURLToPath(new URL("../../scripts/docs.ts", import.meta.url));

export interface DocsBuilder {
  /** Renders the whole site from the bundles, then moves each file into place; rejects with the renderer's output. */
  build(): Promise<void>;
  /** Stops a render under way, with its Redocly children. */
  stop(): Promise<void>;
}

/**
 * Re-renders the docs site as `npm run docs` does, in a child process of its own (process group) so that
 * stopping `npm run dev` stops the Redocly renderers it starts too. The site is rendered into a sibling
 * folder and each file renamed over the served one: a page is never served half-written.
 */
export function createDocsBuilder(outDir: string, bundleDir: string): DocsBuilder {
  let child: ChildProcess | undefined;
  return {
    async build() {
      const target = resolve(outDir);
      await mkdir(dirname(target), { recursive: true });
      const staging = await mkdtemp(join(dirname(target), `.${basename(target)}-dev-`));
      try {
        await new Promise<void>((done, fail) => {
          const started = spawn(process.execPath, ["--import", "tsx", DOCS_SCRIPT, "--out", staging, "--bundles", bundleDir], {
            detached: true,
            stdio: ["ignore", "pipe", "pipe"],
          });
          child = started;
          // Niced, with the Redocly renderers it starts: the next edit's lint and bundle come first.
          if (started.pid !== undefined) {
            try {
              setPriority(started.pid, 10);
            } catch {
              // Not allowed here: the render just competes as an equal.
            }
          }
          let output = "";
          started.stdout?.on("data", (chunk) => (output += chunk));
          started.stderr?.on("data", (chunk) => (output += chunk));
          started.once("error", fail);
          started.once("exit", (code, signal) => {
            child = undefined;
            if (code === 0) done();
            else fail(new Error(signal ? `the docs render was stopped (${signal})` : output.trim() || `npm run docs exited with ${code}`));
          });
        });
        await mkdir(target, { recursive: true });
        for (const entry of await readdir(staging, { recursive: true, withFileTypes: true })) {
          if (!entry.isFile()) continue;
          const from = join(entry.parentPath, entry.name);
          const to = join(target, relative(staging, from));
          await mkdir(dirname(to), { recursive: true });
          await rename(from, to);
        }
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    },
    async stop() {
      const running = child;
      if (!running?.pid || running.exitCode !== null) return;
      const exited = new Promise((done) => running.once("exit", done));
      try {
        process.kill(-running.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
      await exited;
    },
  };
}
