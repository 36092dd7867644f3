/**
 * `npm run dev`: watch openapi/, rebuild what an edit changed, restart the sandbox on the fresh bundle,
 * re-render the docs and reload the pages that show them.
 *
 * One rebuild runs at a time; edits made meanwhile are gathered into the next one. Per changed API: lint
 * and bundle in this process (the steps of `npm run build`), replace generated/<api>/openapi.yaml if it
 * changed, restart the sandbox, then, off the critical path, the types and the docs. A failed step keeps
 * the last good output serving and tells the terminal and the pages why.
 */
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import type { Server } from "node:http";
import { join } from "node:path";
import { APIS, type ApiDefinition, type ApiId, bundlePath } from "../apis.js";
import { listenOn, type PortSource } from "../cli/ports.js";
import { type ApiBuild, buildApi, writeTypes } from "./api-build.js";
import { type ChangeSet, classifyChanges } from "./changes.js";
import { createDocsBuilder } from "./docs-builder.js";
import { createDocsServer } from "./docs-server.js";
import { checkErrata } from "./errata-check.js";
import { olderThan, staleApis } from "./freshness.js";
import { LiveReload } from "./live-reload.js";
import { createSandboxHost } from "./sandbox-host.js";
import { typesInput } from "./types-input.js";
import { watchFiles } from "./watch.js";
import { lintWorkflows } from "./workflows-lint.js";

export interface DevOptions {
  readonly host: string;
  readonly docsPort: number;
  readonly sandboxPort: number;
  /** Where they come from, for the one line a busy port gets. */
  readonly docsPortSource: PortSource;
  readonly sandboxPortSource: PortSource;
  /** The sandbox's clock speed. */
  readonly speed: number;
  /** The sandbox's admin token; random when not given. */
  readonly sandboxAdminToken?: string;
  /** Re-render the reference pages after each change (seconds); without, pages reload on a fresh bundle. */
  readonly docs: boolean;
  readonly docsDir: string;
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
}

export interface DevSession {
  readonly docsUrl: string;
  readonly sandboxUrl: string;
  /** The sandbox's admin token (POST /_sandbox/reset and /_sandbox/clock). */
  readonly sandboxAdminToken: string;
  /** Resolves when the start-up work is done: the rebuild of stale bundles (see freshness.ts). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Folders and files the loop watches, relative to the project root (the working directory). */
const WATCHED = ["openapi", "redocly.yaml", ".redocly.lint-ignore.yaml"];
const BUNDLE_DIR = "generated";

export async function startDev(options: DevOptions): Promise<DevSession> {
  const { log, warn } = options;
  const reload = new LiveReload();
  const docsServer = createDocsServer(options.docsDir, reload);
  const sandbox = await createSandboxHost({
    speed: options.speed,
    ...(options.sandboxAdminToken === undefined ? {} : { config: { adminToken: options.sandboxAdminToken } }),
  });
  const docsBuilder = createDocsBuilder(options.docsDir, BUNDLE_DIR);
  const servers: { server: Server; port: number; source: PortSource; what: string }[] = [
    { server: sandbox.server, port: options.sandboxPort, source: options.sandboxPortSource, what: "sandbox" },
    { server: docsServer, port: options.docsPort, source: options.docsPortSource, what: "docs" },
  ];
  const urls: string[] = [];
  try {
    for (const { server, port, source, what } of servers) urls.push(await listen(server, port, options.host, source, what));
  } catch (error) {
    reload.close();
    await Promise.all([sandbox.close(), closeServer(docsServer)]);
    throw error;
  }
  const [sandboxUrl, docsUrl] = urls as [string, string];
  if (!options.docs && !existsSync(join(options.docsDir, "index.html"))) {
    warn(`dev: ${options.docsDir}/ has no site yet, and --no-docs renders none: run npm run docs once`);
  }

  let closed = false;
  const background = new Set<Promise<unknown>>();
  const inBackground = (task: Promise<unknown>) => {
    background.add(task);
    void task.finally(() => background.delete(task));
  };

  // --- the rebuild queue: one at a time, edits meanwhile gathered ---
  let pendingPaths = new Set<string>();
  const stale = await staleApis(BUNDLE_DIR);
  log(
    stale.length === 0
      ? "dev: generated/ is newer than openapi/: no rebuild at start"
      : `dev: ${stale.map((id) => `generated/${id}/`).join(" and ")} older than openapi/: rebuilding`,
  );
  let pendingStart: ChangeSet | undefined = { apis: new Set(stale), errata: false, workflows: false, ignored: [] };
  let running: Promise<void> | undefined;
  const schedule = () => {
    if (closed || running) return;
    running = (async () => {
      while (!closed && (pendingStart || pendingPaths.size > 0)) {
        const changes = pendingStart ?? classifyChanges(pendingPaths);
        const paths = pendingPaths;
        pendingStart = undefined;
        pendingPaths = new Set();
        await rebuild(changes, paths).catch((error: unknown) => warn(`dev: the rebuild failed: ${describe(error)}`));
      }
      running = undefined;
    })();
  };

  // --- docs and types: latest wins, one render at a time ---
  let docsWanted = false;
  let docsRunning: Promise<void> | undefined;
  const renderDocs = () => {
    docsWanted = true;
    if (docsRunning || closed) return;
    docsRunning = (async () => {
      while (docsWanted && !closed) {
        docsWanted = false;
        const started = performance.now();
        try {
          await docsBuilder.build();
          if (closed) break;
          const pages = reload.send("reload");
          log(`dev: docs rendered in ${seconds(performance.now() - started)}; ${pages} page${pages === 1 ? "" : "s"} reloaded`);
        } catch (error) {
          if (!closed) warn(`dev: the docs did not render (still serving the last ones): ${describe(error)}`);
        }
      }
      docsRunning = undefined;
    })();
    inBackground(docsRunning);
  };
  // What each API's types were made from; until dev makes them, the bundle it found in generated/ (npm
  // test keeps the committed types in step with it).
  const typesMadeFrom = new Map<ApiId, string>();
  const typesFor = (api: ApiDefinition, bundle: string, previous: string | undefined) => {
    const input = typesInput(bundle);
    if (!typesMadeFrom.has(api.id) && previous !== undefined) typesMadeFrom.set(api.id, typesInput(previous));
    if (typesMadeFrom.get(api.id) === input) return;
    typesMadeFrom.set(api.id, input);
    inBackground(
      writeTypes(api, bundle, BUNDLE_DIR).then(
        (changed) => changed && log(`dev: ${api.id}: generated/${api.id}/schema.d.ts updated`),
        (error: unknown) => {
          typesMadeFrom.delete(api.id);
          warn(`dev: ${api.id}: types not generated: ${describe(error)}`);
        },
      ),
    );
  };

  async function rebuild(changes: ChangeSet, paths: ReadonlySet<string>): Promise<void> {
    const editedAt = await lastModified(paths);
    let bundlesChanged = false;
    let docsNeeded = false;
    for (const api of APIS.filter((candidate) => changes.apis.has(candidate.id))) {
      const result: ApiBuild = await buildApi(api, BUNDLE_DIR);
      if (closed) return;
      if (!result.ok) {
        warn(`dev: ${api.id}: the edit does not build; still serving the last good bundle:`);
        for (const line of result.problems) warn(`  ${line}`);
        reload.send("failed", { api: api.id, problems: result.problems });
        continue;
      }
      for (const line of result.warnings) warn(`  ${line}`);
      const timing = `lint ${ms(result.lintMs)}, bundle ${ms(result.bundleMs)}`;
      if (!result.changed) {
        log(`dev: ${api.id}: bundle unchanged (${timing})`);
        continue;
      }
      const afterEdit = editedAt === undefined ? "" : `, ${ms(Date.now() - editedAt)} after the edit`;
      log(`dev: ${api.id}: generated/${api.id}/openapi.yaml rebuilt (${timing}${afterEdit})`);
      bundlesChanged = true;
      docsNeeded = true;
      typesFor(api, result.bundle, result.previous);
    }
    if (changes.errata) {
      const problems = await checkErrata().catch((error: unknown) => [describe(error)]);
      if (problems.length > 0) {
        warn("dev: openapi/errata.yaml has problems:");
        for (const line of problems) warn(`  ${line}`);
        reload.send("failed", { problems });
      } else docsNeeded = true;
    }
    if (changes.workflows) {
      const { errors, lines } = await lintWorkflows();
      for (const line of lines) warn(`  ${line}`);
      if (errors > 0) warn(`dev: the workflows have ${errors} lint error(s)`);
    }
    for (const path of changes.ignored) log(`dev: ${path} changed; nothing is built from it`);
    if (closed) return;
    if (bundlesChanged) {
      const started = performance.now();
      try {
        await sandbox.restart();
        log(`dev: sandbox restarted on the fresh bundles in ${ms(performance.now() - started)} (${sandboxUrl})`);
      } catch (error) {
        warn(`dev: the sandbox cannot serve the new bundles, the previous one still answers: ${describe(error)}`);
      }
    }
    if (!docsNeeded || closed) return;
    if (options.docs) renderDocs();
    else if (bundlesChanged) reload.send("reload");
  }

  const watcher = watchFiles({
    root: process.cwd(),
    paths: WATCHED,
    onChange: (paths) => {
      for (const path of paths) pendingPaths.add(path);
      schedule();
    },
    onError: (error) => warn(`dev: watching failed: ${describe(error)}`),
  });
  await watcher.ready;
  schedule();
  const first = (running ?? Promise.resolve()).then(async () => {
    // A site older than the bundles (or none yet) is rendered once at start.
    const pages = APIS.map((api) => join(options.docsDir, `${api.id}.html`));
    const stale = await Promise.all(pages.map((page, index) => olderThan(page, [bundlePath(APIS[index]!, BUNDLE_DIR)])));
    if (options.docs && stale.some(Boolean)) renderDocs();
  });

  return {
    docsUrl,
    sandboxUrl,
    sandboxAdminToken: sandbox.adminToken,
    ready: first,
    async close() {
      if (closed) return;
      closed = true;
      reload.close();
      await watcher.close();
      await docsBuilder.stop();
      await running;
      await Promise.allSettled([...background]);
      await Promise.all([sandbox.close(), closeServer(docsServer)]);
    },
  };
}

async function listen(server: Server, port: number, host: string, source: PortSource, what: string): Promise<string> {
  await listenOn(
    () =>
      new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve();
        });
      }),
    port,
    source,
    what,
  );
  const address = server.address();
  return `http://${host}:${typeof address === "object" && address ? address.port : port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** When the newest of the changed files was written (the edit), if any still exists. */
async function lastModified(paths: ReadonlySet<string>): Promise<number | undefined> {
  const times = await Promise.all(
    [...paths].map((path) =>
      stat(path).then(
        (stats) => stats.mtimeMs,
        () => undefined,
      ),
    ),
  );
  const known = times.filter((time): time is number => time !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const ms = (value: number): string => `${Math.round(value)} ms`;
const seconds = (value: number): string => `${(value / 1000).toFixed(1)} s`;
