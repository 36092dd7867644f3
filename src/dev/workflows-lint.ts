import { lint, loadConfig } from "@redocly/openapi-core";
import { activeProblems, formatProblem } from "./problems.js";

/**
 * Lints the Arazzo workflows under openapi/workflows/, each with its entry of redocly.yaml (as `npm run
 * lint` does): one line per problem, errors and warnings.
 */
export async function lintWorkflows(configPath = "redocly.yaml"): Promise<{ errors: number; lines: string[] }> {
  const config = await loadConfig({ configPath });
  // Redocly types resolvedConfig from its JSON schema at the type level: reading a property of it through
  // that type costs tsc about 3 s of its 12, for the one field read here.
  const { apis = {} } = (config as unknown as { resolvedConfig: { apis?: Record<string, { root: string }> } }).resolvedConfig;
  const entries = Object.entries(apis).filter(([, api]) => api.root.startsWith("openapi/workflows/"));
  let errors = 0;
  const lines: string[] = [];
  for (const [alias, api] of entries) {
    const problems = activeProblems(await lint({ ref: api.root, config: config.forAlias(alias) }));
    errors += problems.filter((problem) => problem.severity === "error").length;
    lines.push(...problems.map((problem) => formatProblem(problem, process.cwd())));
  }
  return { errors, lines };
}
