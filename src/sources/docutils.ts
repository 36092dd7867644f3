// Runs Python docutils, the reference reStructuredText implementation, over the Rackspace pages. No
// JavaScript RST parser reads grid tables (npm's `restructured` does not), and the pages' response
// codes, parameters and attributes are all grid tables.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const SCRIPT = fileURLToPath(new URL("./rst_to_xml.py", import.meta.url));
/** The script's exit status when `import docutils` fails. */
const DOCUTILS_MISSING = 3;

export interface DocutilsOutput {
  /** The page's doctree as docutils XML, elements carrying a `line` attribute where docutils knows it. */
  readonly xml: string;
  /** docutils' warnings and errors about the page ("page.txt:12: (WARNING/2) …"). */
  readonly messages: readonly string[];
}

export class DocutilsMissingError extends Error {
  constructor(tried: readonly string[]) {
    super(
      `Python docutils is needed to parse the reStructuredText source pages, and none of ${tried.join(", ")} can import it.\n` +
        "Install it with: apt-get install python3-docutils (or set DOCUTILS_PYTHON to a python that has docutils)",
    );
    this.name = "DocutilsMissingError";
  }
}

/**
 * The interpreters to try, in order: `DOCUTILS_PYTHON` alone when set, else the first `python3` on
 * PATH, then Debian's `/usr/bin/python3` (where `apt-get install python3-docutils` puts docutils).
 */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.DOCUTILS_PYTHON ? [env.DOCUTILS_PYTHON] : ["python3", "/usr/bin/python3"];
}

let workingPython: string | undefined;

/**
 * Parses every page in one Python process (starting Python and importing docutils costs more than
 * the parse). Synchronous, because the page readers built on it are.
 */
export function runDocutils(pages: Readonly<Record<string, string>>, candidates = pythonCandidates()): Record<string, DocutilsOutput> {
  const input = JSON.stringify({ pages });
  const order = workingPython && candidates.includes(workingPython) ? [workingPython] : candidates;
  for (const python of order) {
    const result = spawnSync(python, [SCRIPT], { input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT" || result.status === DOCUTILS_MISSING) continue;
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`${python} ${SCRIPT} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
    workingPython = python;
    return JSON.parse(result.stdout) as Record<string, DocutilsOutput>;
  }
  throw new DocutilsMissingError(candidates);
}
