import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CACHE_VARIABLE } from "../../src/sources/parse-cache.js";

/**
 * One folder for the whole test run where the first parse of each source page is kept (see
 * src/sources/parse-cache.ts): the test workers and the commands they spawn inherit the variable, so
 * docutils runs once per page and run. Removed after the run.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "source-pages-"));
  process.env[CACHE_VARIABLE] = dir;
  return () => rm(dir, { recursive: true, force: true });
}
