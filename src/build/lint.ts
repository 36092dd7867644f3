import { formatProblems, getTotals, lint } from "@redocly/openapi-core";
import { type ApiDefinition, sourceRoot } from "../apis.js";
import { loadApiConfig } from "./redocly-config.js";

export interface LintResult {
  readonly errors: number;
  readonly warnings: number;
  readonly ignored: number;
}

/**
 * Lints one API description with the rules in redocly.yaml and prints every problem as a code frame
 * (file:line:column, the offending lines, the rule id) to stderr.
 */
export async function lintApi(api: ApiDefinition): Promise<LintResult> {
  const config = await loadApiConfig(api);
  const problems = await lint({ ref: sourceRoot(api), config });
  const totals = getTotals(problems);
  if (totals.errors + totals.warnings > 0) {
    formatProblems(problems, { format: "codeframe", totals, version: "", maxProblems: 100 });
  }
  return { errors: totals.errors, warnings: totals.warnings, ignored: totals.ignored };
}
