import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The example the edit step changes, and the value it changes. */
const EXAMPLE = "openapi/cloud-databases/examples/listBackups.200.yaml";
const NAME = 'name: "restored_backup"';
const BUNDLE = "generated/cloud-databases/openapi.yaml";

export interface PipelineRound {
  /** Seconds of `npm run build` (lint, bundle, types, docs) in a checkout without generated/ and build/. */
  readonly cleanBuild: number;
  /** Seconds of `npm run build` after one example file was edited, until generated/ has the edit. */
  readonly editBuild: number;
  /** The same with `--no-docs`: the quickest way from an edit to fresh generated/ output. */
  readonly editBuildNoDocs: number;
}

function npmRunBuild(cwd: string, extra: readonly string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const args = ["run", "build", "--silent", ...(extra.length > 0 ? ["--", ...extra] : [])];
    const child = spawn("npm", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolvePromise((performance.now() - started) / 1000)
        : reject(new Error(`npm run build exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Times the build pipeline in a throw-away checkout of HEAD (`git archive`, node_modules linked in), so
 * the work tree is never touched and the numbers do not depend on uncommitted work.
 */
export async function measurePipeline(round: number): Promise<PipelineRound> {
  const dir = await mkdtemp(join(tmpdir(), "bench-pipeline-"));
  try {
    execFileSync("sh", ["-c", `git archive HEAD | tar -x -C "${dir}"`], { stdio: ["ignore", "ignore", "inherit"] });
    await symlink(resolve("node_modules"), join(dir, "node_modules"), "dir");
    await rm(join(dir, "generated"), { recursive: true, force: true });
    await rm(join(dir, "build"), { recursive: true, force: true });
    const cleanBuild = await npmRunBuild(dir, []);

    const edit = async (value: string) => {
      const file = join(dir, EXAMPLE);
      const text = await readFile(file, "utf8");
      if (!text.includes(NAME)) throw new Error(`${EXAMPLE} no longer has ${NAME}; update src/bench/pipeline.ts`);
      await writeFile(file, text.replace(NAME, `name: "${value}"`));
    };
    const expectFresh = async (value: string) => {
      if (!(await readFile(join(dir, BUNDLE), "utf8")).includes(value)) throw new Error(`${BUNDLE} does not have the edit "${value}"`);
    };

    const first = `restored_backup_${round}a`;
    await edit(first);
    const editBuild = await npmRunBuild(dir, []);
    await expectFresh(first);

    const second = `restored_backup_${round}b`;
    await writeFile(join(dir, EXAMPLE), (await readFile(join(dir, EXAMPLE), "utf8")).replace(`name: "${first}"`, NAME));
    await edit(second);
    const editBuildNoDocs = await npmRunBuild(dir, ["--no-docs"]);
    await expectFresh(second);
    return { cleanBuild, editBuild, editBuildNoDocs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
