// Parsing the pages starts Python and imports docutils, which costs more than everything else the
// checker does. A test run parses the same pages in several processes (test workers, the command the
// tests spawn), so the run's global setup names a folder in SOURCE_PAGES_CACHE where the first parse of
// each page is kept for the others. Only for one run: a folder that outlived it could hide a docutils
// upgrade. Without the variable, nothing is cached on disk.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type DocutilsOutput, pythonCandidates, runDocutils, SCRIPT } from "./docutils.js";

export const CACHE_VARIABLE = "SOURCE_PAGES_CACHE";

let scriptHash: string | undefined;

/** runDocutils, answering from (and adding to) the run's cache folder when there is one. */
export function parseWithCache(
  pages: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, DocutilsOutput> {
  const dir = env[CACHE_VARIABLE];
  if (!dir) return runDocutils(pages, pythonCandidates(env));
  scriptHash ??= createHash("sha256").update(readFileSync(SCRIPT)).digest("hex");
  const file = (page: string, text: string): string =>
    join(dir, `${createHash("sha256").update(`${scriptHash}\0${page}\0${text}`).digest("hex")}.json`);
  const results: Record<string, DocutilsOutput> = {};
  const missing: Record<string, string> = {};
  for (const [page, text] of Object.entries(pages)) {
    try {
      results[page] = JSON.parse(readFileSync(file(page, text), "utf8")) as DocutilsOutput;
    } catch {
      missing[page] = text;
    }
  }
  if (Object.keys(missing).length === 0) return results;
  const parsed = runDocutils(missing, pythonCandidates(env));
  mkdirSync(dir, { recursive: true });
  for (const [page, text] of Object.entries(missing)) {
    const output = parsed[page];
    if (!output) continue;
    results[page] = output;
    // Written whole under a temporary name, then renamed: a concurrent reader sees all or nothing.
    const target = file(page, text);
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(output));
    renameSync(temporary, target);
  }
  return results;
}
