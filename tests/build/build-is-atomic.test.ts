import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { setImmediate, setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recoverInterruptedWrite } from "../../src/build/write-outputs.js";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";
import { scriptArgs } from "../support/run-script.js";
import { runBuildIn } from "./run-in.js";

// generated/ is all old or all new, whatever stops the build: a failure in a later step, or a kill.

let copy: ProjectCopy;
const originals = new Map<string, string>();
const running = new Set<ChildProcess>();

beforeAll(async () => {
  copy = await copyProject();
});
afterEach(async () => {
  for (const [path, text] of originals) await writeFile(path, text);
  originals.clear();
});
afterAll(async () => {
  for (const child of running) child.kill("SIGKILL");
  await copy?.remove();
});

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(copy.dir, file);
  const before = await readFile(path, "utf8");
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  if (!originals.has(path)) originals.set(path, before);
  await writeFile(path, after);
}

/** Every file under `dir` (relative path → content), or undefined when `dir` does not exist. */
function readTree(dir: string): Record<string, string> | undefined {
  try {
    statSync(dir);
  } catch {
    return undefined;
  }
  const tree: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      tree[relative(dir, path)] = readFileSync(path, "utf8");
    }
  }
  return tree;
}

// The Z.com description comes second; its first operation's sample is the one broken.
const ZCOM_SAMPLE = "openapi/zcom-compute/code-samples/listZcomBackups.ts";
const breakSample = (statement: string) => (text: string) =>
  text.replace("const { data, error, response }", `${statement}\nconst { data, error, response }`);
// A change to the first API's output, so that writing it would show.
const changeFirstApi = () => edit("openapi/cloud-databases/code-samples/listBackups.ts", (text) => `${text}// rebuilt\n`);

describe("a build that fails on its second API", () => {
  it("leaves generated/ byte-identical (nothing of the first API is written)", async () => {
    const before = readTree(join(copy.dir, "generated"));
    await changeFirstApi();
    await edit(ZCOM_SAMPLE, breakSample(`throw new Error("broken on purpose");`));
    const { ok, output } = await runBuildIn(copy.dir, { lint: false });
    expect(ok, output).toBe(false);
    expect(output).toContain(`${ZCOM_SAMPLE}: `);
    expect(output).toContain("broken on purpose");
    expect(readTree(join(copy.dir, "generated"))).toEqual(before);
  });

  it("on a code sample that never settles, stops with the sample's file name and why, and writes nothing", async () => {
    const before = readTree(join(copy.dir, "generated"));
    await changeFirstApi();
    await edit(ZCOM_SAMPLE, breakSample("await new Promise(() => {});"));
    process.env.BUILD_SAMPLE_TIME_LIMIT_MS = "500";
    try {
      const { ok, output } = await runBuildIn(copy.dir, { lint: false });
      expect(ok, output).toBe(false);
      expect(output).toContain(`${ZCOM_SAMPLE}: `);
      expect(output).toMatch(/did not settle within 0\.5 s/);
      expect(readTree(join(copy.dir, "generated"))).toEqual(before);
    } finally {
      delete process.env.BUILD_SAMPLE_TIME_LIMIT_MS;
    }
  }, 20_000);
});

/** Linux's view of a process: whether every thread of it has stopped (SIGSTOP takes effect per thread). */
function allThreadsStopped(pid: number): boolean {
  return readdirSync(`/proc/${pid}/task`).every((task) => {
    const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] === "T";
  });
}

describe("a build stopped or killed while it writes generated/", () => {
  const LOOP = join(import.meta.dirname, "fixtures/commit-loop.ts");
  const SAMPLES = 80;
  let trees: Record<string, string>[] = [];

  beforeAll(async () => {
    const old = readTree(join(copy.dir, "generated"))!;
    // The new tree differs in every file, as after an edit that changes both APIs.
    const changed = Object.fromEntries(Object.entries(old).map(([path, text]) => [path, `${text}\n# rebuilt\n`]));
    trees = [old, changed];
    await writeFile(join(copy.dir, "tree-a.json"), JSON.stringify(old));
    await writeFile(join(copy.dir, "tree-b.json"), JSON.stringify(changed));
  });

  const whole = (tree: Record<string, string> | undefined) =>
    "ab"[trees.findIndex((candidate) => JSON.stringify(candidate) === JSON.stringify(tree))];

  /**
   * Where generated/ stands: "a" or "b" when whole, else what is wrong with it. Node has no atomic exchange
   * of two folders (renameat2), so the swap is two renames; between them (two consecutive system calls)
   * generated/ is absent while the whole previous tree waits beside it as .generated.old-*, which the next
   * build puts back first: that state is reported as "a" or "b" too, with a mark.
   */
  function look(outDir: string): string {
    const tree = readTree(outDir);
    const name = whole(tree);
    if (name) return name;
    if (tree === undefined) {
      const parked = readdirSync(join(outDir, "..")).filter((entry) => entry.startsWith(".generated.old-"));
      const previous = parked.length === 1 ? whole(readTree(join(outDir, "..", parked[0]!))) : undefined;
      return previous ? `${previous}·` : `${outDir} is missing (beside it: ${parked.join(", ") || "nothing"})`;
    }
    const differing = Object.keys({ ...trees[0], ...tree }).filter(
      (path) => tree[path] !== trees[0]![path] && tree[path] !== trees[1]![path],
    );
    return `${outDir} is neither tree: ${differing.map((path) => `${path} (${tree[path]?.length ?? "absent"} chars)`).join(", ")}`;
  }

  async function startLoop(
    name: string,
  ): Promise<{ child: ChildProcess; outDir: string; exited: Promise<{ code: number | null; signal: string | null }> }> {
    const outDir = join(copy.dir, name, "generated");
    const child = spawn(process.execPath, [...scriptArgs(LOOP), outDir, join(copy.dir, "tree-a.json"), join(copy.dir, "tree-b.json")], {
      cwd: copy.dir,
      stdio: ["ignore", "pipe", "inherit"],
    });
    running.add(child);
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once("exit", (code, signal) => {
        running.delete(child);
        resolve({ code, signal });
      }),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once("data", () => resolve());
      child.once("exit", (code) => reject(new Error(`the commit loop exited with ${code} before it started`)));
    });
    return { child, outDir, exited };
  }

  /** Stops the loop at `SAMPLES` random moments and looks at generated/ each time, as a kill there would leave it. */
  async function sample(child: ChildProcess, outDir: string): Promise<string[]> {
    const seen: string[] = [];
    for (let index = 0; index < SAMPLES; index++) {
      await sleep(Math.random() * 3);
      child.kill("SIGSTOP");
      const asked = Date.now();
      while (!allThreadsStopped(child.pid!)) {
        if (Date.now() - asked > 5000) throw new Error("the commit loop did not stop");
        await setImmediate();
      }
      seen.push(look(outDir));
      child.kill("SIGCONT");
    }
    return seen;
  }

  it(`is whole, old or new, at ${SAMPLES} random stops and after SIGKILL`, async () => {
    const { child, outDir, exited } = await startLoop("kill");
    const seen = await sample(child, outDir);
    await sleep(Math.random() * 3);
    child.kill("SIGKILL");
    await exited;
    seen.push(look(outDir));
    expect(seen.filter((state) => !/^[ab]·?$/.test(state))).toEqual([]);
    expect(new Set(seen.map((state) => state[0])), "the loop never got to write both trees").toEqual(new Set(["a", "b"]));
    // What the next build does first: afterwards generated/ is whole and nothing is left beside it.
    recoverInterruptedWrite(outDir);
    expect(look(outDir)).toMatch(/^[ab]$/);
    expect(readdirSync(join(outDir, ".."))).toEqual(["generated"]);
  });

  it(`is whole, old or new, at ${SAMPLES} random stops and after Ctrl-C (SIGINT), which exits 130 leaving no temporary folder`, async () => {
    const { child, outDir, exited } = await startLoop("interrupt");
    const seen = await sample(child, outDir);
    await sleep(Math.random() * 3);
    child.kill("SIGINT");
    expect(await exited).toEqual({ code: 130, signal: null });
    seen.push(look(outDir));
    expect(seen.filter((state) => !/^[ab]·?$/.test(state))).toEqual([]);
    expect(readdirSync(join(outDir, ".."))).toEqual(["generated"]);
  });
});

describe("the next build, after a build was killed", () => {
  it("puts back generated/ a kill left between the swap's two renames, and removes what dead builds staged, but not a running build's", async () => {
    const parent = join(copy.dir, "recover");
    const dead = spawn(process.execPath, ["-e", "0"]);
    await new Promise((resolve) => dead.once("exit", resolve));
    const tree = (dir: string, text: string) => {
      mkdirSync(join(parent, dir), { recursive: true });
      writeFileSync(join(parent, dir, "f.txt"), text);
    };
    tree(`.generated.old-${dead.pid}-1`, "old");
    tree(`.generated.new-${dead.pid}-1`, "new");
    tree(`.generated.new-${process.pid}-2`, "a build still running");
    expect(recoverInterruptedWrite(join(parent, "generated"))).toHaveLength(2);
    expect(readTree(join(parent, "generated"))).toEqual({ "f.txt": "old" });
    expect(readdirSync(parent).sort()).toEqual([`.generated.new-${process.pid}-2`, "generated"]);
  });
});
