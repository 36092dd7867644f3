import type { ExampleObject, ExampleSource } from "./openapi-types.js";

/**
 * The page examples a spec example is taken from. `x-source` names one, or several when newer versions
 * of a page print the same example (page 003 and the current "Create backup for an HA instance" page).
 */
export function exampleSources(example: ExampleObject): ExampleSource[] {
  const source = example["x-source"];
  return source === undefined ? [] : Array.isArray(source) ? [...source] : [source];
}

/** Whether a spec example is taken from the page example `title` of `page`. */
export const takesFrom = (example: ExampleObject, page: string, title: string): boolean =>
  exampleSources(example).some((source) => source.page === page && source.example === title);
