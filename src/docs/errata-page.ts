import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Erratum } from "../errata/register.js";
import { escapeHtml } from "./html.js";

/** One API's part of the errata page. */
export interface ErrataSection {
  readonly id: string;
  readonly title: string;
  /** The API's reference page, e.g. `cloud-databases.html`. */
  readonly reference: string;
  readonly errata: readonly Erratum[];
  /** Per erratum id: the operations it concerns, as [summary, fragment of the reference] pairs. */
  readonly operations: ReadonlyMap<string, readonly (readonly [summary: string, fragment: string])[]>;
}

/** The anchor of an erratum on the errata page; the reference pages link to `errata.html#<id>`. */
export const erratumAnchor = (id: string): string => id;

/**
 * Inline Markdown of the register's text fields, which use only `code` spans: escaped HTML with the
 * spans as <code>. (A Markdown library for one construct would be more code to trust than this.)
 */
const inlineCode = (text: string): string =>
  escapeHtml(text.trim()).replace(/`([^`]+)`/g, (_match, code: string) => `<code>${code}</code>`);

/**
 * What a reader should see for the register's `page` field: a source page's own title (its file name
 * means nothing outside the repository), or where an upstream source lives.
 */
export function pageLabel(page: string, sourcesDir = "openapi/sources"): string {
  if (page.startsWith("upstream:")) {
    const where = page.slice("upstream:".length);
    const [first, ...rest] = where.split("/");
    // A host name (cloud.z.com/…) is a web page; otherwise owner/repository/path of a public repository.
    return first!.includes(".") ? `Upstream page ${where}` : `Upstream source ${first}/${rest[0]}, ${rest.slice(1).join("/")}`;
  }
  return `“${sourcePageTitle(join(sourcesDir, page))}”`;
}

/**
 * The title of a source page: a reStructuredText page's section title (the line above the first
 * `~~~`/`^^^`/`===` underline), or for the plain-text Z.com page the first line after "Description".
 * Only the title is needed here, so the docutils parser (a Python process) is not worth starting.
 */
export function sourcePageTitle(file: string): string {
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    const title = lines[index - 1]!.trim();
    if (title && /^([~^=\-*])\1{2,}\s*$/.test(line) && line.trim().length >= title.length) return title;
  }
  const description = lines.findIndex((line) => line.trim() === "Description");
  const title = lines.slice(description + 1).find((line) => line.trim() !== "");
  if (description < 0 || !title) throw new Error(`${file}: no title found (neither an RST section title nor a "Description" line)`);
  return title.trim();
}

/** The site's errata page: every entry of the register, grouped by API, each with an anchor. */
export function errataPage(sections: readonly ErrataSection[], sourcesDir?: string): string {
  const body = sections
    .map((section) => {
      const entries = section.errata
        .map((erratum) => {
          const operations = section.operations.get(erratum.id) ?? [];
          const concerns =
            operations.length > 0
              ? operations
                  .map(
                    ([summary, fragment]) =>
                      `<a href="./${escapeHtml(section.reference)}${escapeHtml(fragment)}">${escapeHtml(summary)}</a>`,
                  )
                  .join(", ")
              : `the whole API (<a href="./${escapeHtml(section.reference)}">its servers</a>)`;
          return `      <section class="erratum" id="${escapeHtml(erratumAnchor(erratum.id))}">
        <h3><a href="#${escapeHtml(erratumAnchor(erratum.id))}">${escapeHtml(erratum.id)}</a></h3>
        <dl>
          <dt>Page</dt><dd>${escapeHtml(pageLabel(erratum.page, sourcesDir))}: ${inlineCode(erratum.location)}</dd>
          <dt>The page says</dt><dd>${inlineCode(erratum.page_says)}</dd>
          <dt>This reference says</dt><dd>${inlineCode(erratum.spec_says)}</dd>
          <dt>Why</dt><dd>${inlineCode(erratum.why)}</dd>
          <dt>Concerns</dt><dd>${concerns}</dd>
        </dl>
      </section>`;
        })
        .join("\n");
      return `    <h2 id="${escapeHtml(section.id)}"><a href="./${escapeHtml(section.reference)}">${escapeHtml(section.title)}</a></h2>
${entries}`;
    })
    .join("\n");
  const count = sections.reduce((total, section) => total + section.errata.length, 0);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Errata – Backup API references</title>
  <meta name="description" content="Every place where the API references deviate from the vendors' pages, with the reason.">
  <link rel="icon" href="data:,">
  <style>
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 52rem; margin: 0 auto; padding: 0 1rem 3rem; line-height: 1.5; color: #1f2933; overflow-wrap: anywhere; }
    nav { margin: 1rem 0 2rem; }
    h2 { margin-top: 2.5rem; }
    h2 a, h3 a { color: inherit; text-decoration: none; }
    .erratum { border: 1px solid #d9e2ec; border-radius: 6px; padding: 0 1.25rem .75rem; margin: 1rem 0; scroll-margin-top: 1rem; }
    .erratum:target { border-color: #0044d4; box-shadow: 0 0 0 2px #c7d7fe; }
    h3 { font-size: 1rem; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
    dl { display: grid; grid-template-columns: 11rem 1fr; gap: .35rem 1rem; margin: 0; }
    dt { font-weight: 600; color: #52606d; }
    dd { margin: 0; }
    code { background: #f0f4f8; padding: 0 .25rem; border-radius: 3px; }
    @media (max-width: 40rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: .5rem; } }
  </style>
</head>
<body>
  <nav><a href="./index.html">← All API references</a></nav>
  <h1>Errata</h1>
  <p>The API references are written from the vendors' pages, and those pages contain mistakes. Each of
  the ${count} places where a reference says something other than its page is listed here: what the page
  says, what the reference says instead, and why. Each operation of a reference links to the entries
  that concern it.</p>
${body}
</body>
</html>
`;
}
