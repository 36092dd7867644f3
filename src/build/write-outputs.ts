// The build's outputs replace their folders whole: a reader (git, the docs server, the tests) sees either
// the previous build's generated/ or the new one, never a mix, a missing file or a half-written one,
// whether the build fails, is interrupted with Ctrl-C or is killed.
//
// How: the new folder is written in full beside the old one (".generated.new-<pid>-<id>"), then the two are
// swapped by two renames ("generated" → ".generated.old-…", ".generated.new-…" → "generated") and the old
// one is removed. Staging, swapping and removing are synchronous, so a signal handler (exitOnInterrupt) runs
// before or after a swap, never within it. Node has no atomic exchange of two folders (Linux's renameat2
// RENAME_EXCHANGE), so a SIGKILL landing exactly between the two renames leaves generated/ absent and the
// whole old folder beside it; the next build puts it back first (recoverInterruptedWrite).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Files the build makes, by path relative to their output folder. */
export type OutputFiles = ReadonlyMap<string, string>;

/** Staged folders not swapped in yet: removed when the build fails or is interrupted. */
const staged = new Set<string>();
let stagings = 0;

const sibling = (target: string, kind: "new" | "old") =>
  join(dirname(target), `.${basename(target)}.${kind}-${process.pid}-${Date.now().toString(36)}${(++stagings).toString(36)}`);

/** Creates a folder beside `target` holding `files`, to be swapped in later; `target` is not touched. */
export function stageDirectory(target: string, files: OutputFiles = new Map()): string {
  refuseProjectFolder(target);
  mkdirSync(dirname(target), { recursive: true });
  const dir = sibling(target, "new");
  staged.add(dir);
  mkdirSync(dir);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Puts the staged folder in the place of `target` (whose previous content is removed). */
export function swapIn(stagedDir: string, target: string): void {
  if (!staged.has(stagedDir)) throw new Error(`${stagedDir} was not staged for ${target}`);
  if (existsSync(target)) {
    const old = sibling(target, "old");
    renameSync(target, old);
    renameSync(stagedDir, target);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(stagedDir, target);
  }
  staged.delete(stagedDir);
}

/** Replaces `target` with a folder holding exactly `files`. */
export function writeOutputs(target: string, files: OutputFiles): void {
  swapIn(stageDirectory(target, files), target);
}

/** Removes every staged folder not swapped in (a failed or interrupted build). */
export function discardStaged(): void {
  for (const dir of staged) rmSync(dir, { recursive: true, force: true });
  staged.clear();
}

/**
 * Ctrl-C (SIGINT) or SIGTERM: remove what was staged and exit 130, leaving every output folder as it was.
 * Without a handler the signal would end the process at once, between any two writes.
 */
export function exitOnInterrupt(): void {
  const stop = (signal: NodeJS.Signals) => {
    discardStaged();
    console.error(`\nbuild: interrupted by ${signal}; nothing was replaced`);
    process.exit(130);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Tidies what a killed build left beside `target`: puts the old folder back if the kill fell between the
 * swap's two renames, and removes staged and old folders of builds that no longer run. Returns what it did.
 */
export function recoverInterruptedWrite(target: string): string[] {
  const parent = dirname(target);
  if (!existsSync(parent)) return [];
  const pattern = new RegExp(`^\\.${basename(target).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(new|old)-(\\d+)-`);
  const leftovers = readdirSync(parent)
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter(({ match }) => match && !alive(Number(match[2])));
  const done: string[] = [];
  const parked = leftovers.filter(({ match }) => match![1] === "old");
  if (!existsSync(target) && parked.length === 1) {
    renameSync(join(parent, parked[0]!.name), target);
    done.push(`put back ${target} from an interrupted build`);
  }
  for (const { name } of leftovers) {
    if (!existsSync(join(parent, name))) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    done.push(`removed ${join(parent, name)}, left by an interrupted build`);
  }
  return done;
}

/** `--out .` must not swap the project away: never replace a folder that holds a project. */
function refuseProjectFolder(target: string): void {
  for (const marker of ["package.json", ".git"]) {
    if (existsSync(join(target, marker)))
      throw new Error(`${target} holds ${marker}: an output folder of the build cannot be a project folder`);
  }
}
