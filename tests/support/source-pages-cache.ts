import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CACHE_VARIABLE } from "../../src/sources/parse-cache.js";
import { readSourcePages } from "../../src/sources/source-page.js";

/**
 * One folder for the whole test run where the parse of each source page is kept (see
 * src/sources/parse-cache.ts), filled here once: the test workers and the commands they spawn inherit the
 * variable, so docutils runs once per run instead of once per process that reads the pages. Removed
 * after the run.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "source-pages-"));
  process.env[CACHE_VARIABLE] = dir;
  try {
    readSourcePages();
  } catch {
    // No docutils here: the tests that read the pages report it themselves, with the install hint.
  }
  return () => rm(dir, { recursive: true, force: true });
}
