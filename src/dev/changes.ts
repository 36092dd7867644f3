import { APIS, type ApiId } from "../apis.js";

/** What a batch of changed files asks the dev loop to redo. */
export interface ChangeSet {
  /** APIs whose split description, examples or code samples changed: lint, bundle, sandbox, types, docs. */
  readonly apis: ReadonlySet<ApiId>;
  /** The errata register or its schema: check it, and re-render the docs. */
  readonly errata: boolean;
  /** An Arazzo workflow: lint it. */
  readonly workflows: boolean;
  /** Files nothing is built from (the source pages, the baseline, a README): named, then left alone. */
  readonly ignored: readonly string[];
}

const ERRATA_FILES = new Set(["openapi/errata.yaml", "openapi/errata.schema.json"]);
/** The lint configuration and its ignore file: they change every API's verdict. */
const CONFIG_FILES = new Set(["redocly.yaml", ".redocly.lint-ignore.yaml"]);

/** Sorts changed files (paths relative to the project root, `/`-separated) by what must be rebuilt. */
export function classifyChanges(paths: Iterable<string>): ChangeSet {
  const apis = new Set<ApiId>();
  let errata = false;
  let workflows = false;
  const ignored: string[] = [];
  for (const path of paths) {
    const api = APIS.find((candidate) => path.startsWith(`openapi/${candidate.id}/`));
    if (api) apis.add(api.id);
    else if (ERRATA_FILES.has(path)) errata = true;
    else if (path.startsWith("openapi/workflows/")) workflows = true;
    else if (CONFIG_FILES.has(path)) {
      for (const each of APIS) apis.add(each.id);
      workflows = true;
    } else ignored.push(path);
  }
  return { apis, errata, workflows, ignored };
}
