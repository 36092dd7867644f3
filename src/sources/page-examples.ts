// Reads the example requests and responses out of a source page. The Rackspace pages are
// reStructuredText whose examples are a bold title (`**Example …**`) followed by one or more
// `.. code::` blocks; the Z.com page is plain text with one "Example" section. Only this narrow,
// regular shape is read here, so a few lines of line-based parsing beat pulling in a full
// reStructuredText implementation (the grid tables are read by the source-parity checker).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const SOURCES_DIR = "openapi/sources";

export interface PageExample {
  /** The example's title as printed (`Example List backups: JSON response`; `Example` on the Z.com page). */
  readonly title: string;
  /** 1-based line of the title on the page. */
  readonly line: number;
  /** The HTTP start line and header lines, if the example shows them. */
  readonly head: readonly string[];
  /** The body as printed (dedented), or "" when the example has none. */
  readonly body: string;
}

const HTTP_START = /^(HTTP\/1\.[01] \d{3}|(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \S+ HTTP\/1\.[01])/;
const HEADER = /^[A-Za-z][A-Za-z0-9-]*:\s/;

export function readPage(page: string, dir = SOURCES_DIR): string {
  return readFileSync(join(dir, page), "utf8");
}

export function pageExamples(page: string, dir = SOURCES_DIR): PageExample[] {
  const text = readPage(page, dir);
  return page.endsWith(".txt") && text.includes(".. code::") ? rstExamples(text) : plainTextExamples(text);
}

export function pageExample(page: string, title: string, dir = SOURCES_DIR): PageExample {
  const examples = pageExamples(page, dir);
  const found = examples.find((example) => example.title === title);
  if (!found) {
    throw new Error(`${page}: no example titled "${title}" (found: ${examples.map((example) => `"${example.title}"`).join(", ")})`);
  }
  return found;
}

function rstExamples(text: string): PageExample[] {
  const lines = text.split("\n");
  const examples: PageExample[] = [];
  for (let index = 0; index < lines.length; index++) {
    const title = /^\*\*(Example .+)\*\*\s*$/.exec(lines[index]!)?.[1];
    if (!title) continue;
    const blocks: string[][] = [];
    let cursor = index + 1;
    while (cursor < lines.length && !/^\*\*Example /.test(lines[cursor]!) && !/^(Request|Response)\s*$/.test(lines[cursor]!)) {
      if (lines[cursor]!.trim() === ".. code::") {
        const block: string[] = [];
        cursor++;
        while (cursor < lines.length && (lines[cursor]!.trim() === "" || lines[cursor]!.startsWith(" "))) block.push(lines[cursor++]!);
        blocks.push(dedent(block));
        continue;
      }
      cursor++;
    }
    examples.push({ title, line: index + 1, ...splitHttpMessage(blocks.flat()) });
  }
  return examples;
}

function plainTextExamples(text: string): PageExample[] {
  const lines = text.split("\n");
  const index = lines.findIndex((line) => line.trim() === "Example");
  if (index < 0) return [];
  const rest = lines.slice(index + 1);
  const start = rest.findIndex((line) => HTTP_START.test(line));
  const message = start < 0 ? { head: [], body: rest.join("\n").trim() } : splitHttpMessage(rest.slice(start));
  return [{ title: "Example", line: index + 1, ...message }];
}

/** Splits an example into its HTTP head (start line and headers) and its body. */
function splitHttpMessage(lines: readonly string[]): { head: string[]; body: string } {
  const head: string[] = [];
  let index = 0;
  while (index < lines.length && lines[index]!.trim() === "") index++;
  if (index < lines.length && HTTP_START.test(lines[index]!.trim())) {
    head.push(lines[index++]!.trim());
    while (index < lines.length && HEADER.test(lines[index]!.trim())) head.push(lines[index++]!.trim());
  }
  return { head, body: trimBlankLines(lines.slice(index)).join("\n") };
}

function dedent(lines: readonly string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== "").map((line) => line.length - line.trimStart().length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common).trimEnd());
}

function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === "") start++;
  while (end > start && lines[end - 1]!.trim() === "") end--;
  return lines.slice(start, end);
}
