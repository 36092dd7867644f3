/**
 * Runs the README's test command on other Node versions: `tsx scripts/test-on-node.ts 22 24`.
 *
 * For each major version: the `node-<platform>-<arch>` package of the npm registry (the Node binary, no
 * npm) is unpacked into a temporary folder, its bin/ goes first on PATH, and `npm ci && npm test` runs in a
 * fresh clone of this repository's HEAD (commit first: uncommitted changes are not in the clone). The
 * machine's npm runs under that Node. Prints one line per version and exits 1 if any failed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { commandLine } from "../src/cli/command-line.js";

const values = commandLine({
  name: "test:node",
  summary:
    "Runs npm ci && npm test in a fresh clone of HEAD on each Node major version given (default 22 and 24), " +
    "with the Node binary of the npm registry's node-<platform>-<arch> package first on PATH.",
  options: {
    node: { type: "string", value: "<majors>", default: "22,24", description: "the Node major versions, comma-separated" },
  },
});
const majors = values.node.split(",").map((major) => major.trim());
if (majors.some((major) => !/^\d+$/.test(major))) {
  console.error(`test:node: --node takes major versions such as 22,24, not "${values.node}"`);
  process.exit(2);
}

const results: string[] = [];
for (const major of majors) {
  const work = mkdtempSync(join(tmpdir(), `node-${major}-`));
  try {
    const started = performance.now();
    const pkg = `node-${process.platform}-${process.arch}@${major}`;
    execFileSync("npm", ["pack", pkg, "--silent", "--pack-destination", work], { stdio: ["ignore", "ignore", "inherit"] });
    const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"))!;
    execFileSync("tar", ["xzf", join(work, tarball), "-C", work]);
    execFileSync("git", ["clone", "--quiet", process.cwd(), join(work, "repo")]);
    const env = { ...process.env, PATH: `${join(work, "package", "bin")}${delimiter}${process.env.PATH}` };
    const version = execFileSync("node", ["--version"], { env, encoding: "utf8" }).trim();
    console.log(`\n=== Node ${version}: npm ci && npm test in ${join(work, "repo")}`);
    const run = spawnSync("sh", ["-c", "npm ci && npm test"], { cwd: join(work, "repo"), env, stdio: "inherit" });
    const seconds = Math.round((performance.now() - started) / 1000);
    results.push(`Node ${version}: ${run.status === 0 ? "passed" : `FAILED (exit ${run.status ?? run.signal})`} in ${seconds} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
console.log(`\n${results.join("\n")}`);
process.exit(results.every((line) => line.includes("passed")) ? 0 : 1);
