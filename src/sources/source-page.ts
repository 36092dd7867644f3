import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseWithCache } from "./parse-cache.js";
import { readPlainTextPage } from "./plain-page.js";
import { readRstPage } from "./rst-page.js";

export const SOURCES_DIR = "openapi/sources";

/** A table on a page: a grid table of a Rackspace page, or a column list of the Z.com page. */
export interface SourceTable {
  /** The table's own title (`.. table:: Title`), or "". */
  readonly title: string;
  /** The paragraph right before the table ("This table shows the URI parameters for the request:"), or "". */
  readonly intro: string;
  readonly line: number;
  /** The header row's cells. */
  readonly header: readonly string[];
  readonly rows: readonly SourceTableRow[];
}
export interface SourceTableRow {
  readonly line: number;
  /** Cell texts, whitespace collapsed (a cell's lines joined with single spaces). */
  readonly cells: readonly string[];
}

/** The operation a page documents, as the page writes it: `GET /{version}/{accountId}/backups`. */
export interface SourceOperation {
  readonly method: string;
  readonly path: string;
}

/** The request an example shows. */
export interface SourceRequest {
  readonly method: string;
  /** The host, when the example names one (a `Host:` header or the curl URL). */
  readonly host?: string;
  /** Path and query as sent: `/v1.0/1234/backups?datastore=mysql`. */
  readonly target: string;
}

export interface SourceExample {
  /**
   * The example's title as printed (`Example List backups: JSON response`; `Example` on the Z.com page).
   * A title the page repeats is numbered from its second occurrence on (`… JSON response (2)`), so that
   * `x-source` and the errata name each example once.
   */
  readonly title: string;
  /** 1-based line of the title on the page. */
  readonly line: number;
  /** The HTTP start line and header lines, if the example shows them. */
  readonly head: readonly string[];
  /** The body as printed (dedented), or "" when the example has none. */
  readonly body: string;
  /** The request, when the example shows one (request line or curl command). */
  readonly request?: SourceRequest;
  /** The status code, when the example shows a response status line. */
  readonly status?: string;
}

export interface SourcePage {
  /** File name in the sources folder. */
  readonly page: string;
  readonly format: "reStructuredText" | "plain text";
  readonly title: string;
  /** The paragraphs that open the page, after its operation and before its first table or note. */
  readonly description: readonly string[];
  readonly operation?: SourceOperation;
  readonly tables: readonly SourceTable[];
  readonly examples: readonly SourceExample[];
  /** The parser's warnings and errors: where there are any, the page may not have been read whole. */
  readonly messages: readonly string[];
}

export function readPage(page: string, dir = SOURCES_DIR): string {
  return readFileSync(join(dir, page), "utf8");
}

/** The page files of a sources folder (`*.txt` as handed to the project, `*.rst` as named upstream), sorted. */
export function listPages(dir = SOURCES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".txt") || name.endsWith(".rst"))
    .sort();
}

// Explicit markup (`.. code::`, `.. _target:`, `.. table::`) at the start of a line: every Rackspace page
// has its `.. code::` operation block, and the Z.com page has no markup at all.
const isRst = (text: string): boolean => /^\.\. /m.test(text);

/** Parsed pages by content, so each page is parsed once per process however often it is read. */
const cache = new Map<string, SourcePage>();
const cacheKey = (page: string, text: string): string => `${page}\0${createHash("sha256").update(text).digest("hex")}`;

/**
 * Every page of a sources folder, parsed (the reStructuredText ones in a single docutils run). `env`
 * chooses the interpreter and the test run's cache folder (DOCUTILS_PYTHON, SOURCE_PAGES_CACHE).
 */
export function readSourcePages(dir = SOURCES_DIR, env: NodeJS.ProcessEnv = process.env): SourcePage[] {
  const texts = new Map(listPages(dir).map((page) => [page, readPage(page, dir)] as const));
  const missing = [...texts].filter(([page, text]) => isRst(text) && !cache.has(cacheKey(page, text)));
  if (missing.length > 0) {
    const parsed = parseWithCache(Object.fromEntries(missing), env);
    for (const [page, text] of missing) {
      const output = parsed[page];
      if (!output) throw new Error(`docutils returned nothing for ${page}`);
      cache.set(cacheKey(page, text), readRstPage(page, output.xml, output.messages));
    }
  }
  return [...texts].map(([page, text]) => {
    const key = cacheKey(page, text);
    // The reStructuredText pages are all cached by now; the rest are plain text.
    if (!cache.has(key)) cache.set(key, readPlainTextPage(page, text));
    return cache.get(key)!;
  });
}

/** One parsed page. Parses the whole folder on first use, since one docutils run costs the same as one page. */
export function readSourcePage(page: string, dir = SOURCES_DIR): SourcePage {
  const text = readPage(page, dir);
  const cached = cache.get(cacheKey(page, text));
  if (cached) return cached;
  const found = readSourcePages(dir).find((candidate) => candidate.page === page);
  if (!found) throw new Error(`${join(dir, page)}: not a source page (pages are the *.txt and *.rst files of ${dir})`);
  return found;
}
