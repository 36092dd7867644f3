import { DocutilsMissingError } from "../sources/docutils.js";
import { checkSources } from "./check.js";
import { loadContext } from "./context.js";
import { formatReport } from "./report.js";

/** What `npm run check:sources` exits with. */
export const EXIT = { agree: 0, differ: 1, cannotRun: 2 } as const;

/**
 * The checker as the command runs it, on a project folder: prints the report (or why it cannot check)
 * and returns the exit status. A function, so that tests run it in-process on copies of the project.
 */
export function runCheckSources(
  root: string,
  out: (text: string) => void,
  err: (text: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): number {
  try {
    const context = loadContext(root, env);
    const findings = checkSources(context);
    out(formatReport(findings, context.pages.length));
    return findings.differences.length === 0 ? EXIT.agree : EXIT.differ;
  } catch (error) {
    if (error instanceof DocutilsMissingError) err(`check:sources: ${error.message}`);
    else err(`check:sources: cannot check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.cannotRun;
  }
}
