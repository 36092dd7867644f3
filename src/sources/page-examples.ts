// The example requests and responses of the source pages, as the errata register and the source-parity
// checker compare them with the spec's examples. Built on the page readers of source-page.ts (docutils
// for the reStructuredText pages, a line reader for the plain-text Z.com page).
import { readSourcePage, SOURCES_DIR } from "./source-page.js";

export { readPage, SOURCES_DIR } from "./source-page.js";

export interface PageExample {
  /** The example's title as printed, numbered where the page repeats it (see SourceExample.title). */
  readonly title: string;
  /** 1-based line of the title on the page. */
  readonly line: number;
  /** The HTTP start line and header lines, if the example shows them. */
  readonly head: readonly string[];
  /** The body as printed (dedented), or "" when the example has none. */
  readonly body: string;
}

export function pageExamples(page: string, dir = SOURCES_DIR): PageExample[] {
  return readSourcePage(page, dir).examples.map(({ title, line, head, body }) => ({ title, line, head, body }));
}

export function pageExample(page: string, title: string, dir = SOURCES_DIR): PageExample {
  const examples = pageExamples(page, dir);
  const found = examples.find((example) => example.title === title);
  if (!found) {
    throw new Error(`${page}: no example titled "${title}" (found: ${examples.map((example) => `"${example.title}"`).join(", ")})`);
  }
  return found;
}
