import { relative } from "node:path";
import { getLineColLocation, type NormalizedProblem } from "@redocly/openapi-core";

/**
 * One line per lint problem, `file:line:column rule: message`: a terminal makes the place a link, and the
 * browser's console shows the same line.
 */
export function formatProblem(problem: NormalizedProblem, root: string): string {
  const location = problem.location[0];
  let place = "(unknown place)";
  if (location) {
    const { start } = getLineColLocation(location);
    place = `${relative(root, location.source.absoluteRef)}:${start.line}:${start.col}`;
  }
  const severity = problem.severity === "error" ? "error" : "warning";
  return `${place} ${severity} ${problem.ruleId}: ${problem.message.replace(/\s+/g, " ").trim()}`;
}

/** The problems that count: not listed in .redocly.lint-ignore.yaml. */
export const activeProblems = (problems: readonly NormalizedProblem[]): NormalizedProblem[] =>
  problems.filter((problem) => !problem.ignored);
