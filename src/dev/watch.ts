/**
 * Watches the spec's files and reports batches of changed paths.
 *
 * chokidar rather than node:fs.watch({ recursive: true }): on Linux, Node builds recursive watching in
 * JavaScript from one inotify watch per folder, and it has had bugs there that matter to an editor's
 * save (events missed while the tree is first walked, nodejs/node#48437; a crash on a file deleted under
 * the watch, nodejs/node#52018). chokidar 5 (maintained, one dependency, Node ≥ 20.19 like this
 * project) walks the tree itself, watches new folders, and folds an editor's "write a temp file, rename
 * it over the original" save into one change (`atomic`).
 */
import { sep } from "node:path";
import { watch } from "chokidar";

export interface Watcher {
  /** Resolves once the initial scan is done: changes after it are reported. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** The project root: reported paths are relative to it, `/`-separated. */
  readonly root: string;
  /** Files and folders to watch, relative to the root. */
  readonly paths: readonly string[];
  /** Quiet time before a batch is reported: a save often touches a file twice, a checkout many files. */
  readonly debounceMs?: number;
  readonly onChange: (paths: ReadonlySet<string>) => void;
  readonly onError?: (error: unknown) => void;
}

/** Editors' scratch files: swap, backup and lock files. */
const SCRATCH = /(^|\/)(\.#[^/]*|[^/]*~|[^/]*\.sw[a-z]|[^/]*\.tmp|4913)$/;

export function watchFiles(options: WatchOptions): Watcher {
  const debounceMs = options.debounceMs ?? 40;
  const watcher = watch([...options.paths], { cwd: options.root, ignoreInitial: true, atomic: true });
  let batch = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on("all", (_event, path) => {
    const relativePath = path.split(sep).join("/");
    if (SCRATCH.test(relativePath)) return;
    batch.add(relativePath);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = batch;
      batch = new Set();
      options.onChange(paths);
    }, debounceMs);
  });
  watcher.on("error", (error) => options.onError?.(error));
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
