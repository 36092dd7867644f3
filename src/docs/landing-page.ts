import { escapeHtml } from "./html.js";

/** One API on the landing page: what it is and where its files are, relative to the site's root. */
export interface LandingEntry {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly summary: string;
  /** The reference page, e.g. `cloud-databases.html`. */
  readonly reference: string;
  /** The reference's getting-started section, e.g. `cloud-databases.html#/getting-started`; none if the spec has none. */
  readonly gettingStarted?: string;
  /** The bundled OpenAPI description the page is rendered from, copied into the site. */
  readonly spec: string;
  /** The try-it page (Swagger UI against a local sandbox), e.g. `cloud-databases.try-it.html`. */
  readonly tryIt: string;
  /** This API's part of the errata page, e.g. `errata.html#cloud-databases`. */
  readonly errata: string;
}

/**
 * The site's index page: one card per API, linking its reference, its getting-started section and its
 * bundled spec. Self-contained: inline styles, system fonts, no scripts, and no favicon request.
 */
export function landingPage(entries: readonly LandingEntry[]): string {
  const cards = entries
    .map((entry) => {
      const links = [
        `<a class="primary" href="./${escapeHtml(entry.reference)}">API reference</a>`,
        ...(entry.gettingStarted ? [`<a href="./${escapeHtml(entry.gettingStarted)}">Getting started</a>`] : []),
        `<a href="./${escapeHtml(entry.tryIt)}">Try it</a>`,
        `<a href="./${escapeHtml(entry.errata)}">Errata</a>`,
        `<a href="./${escapeHtml(entry.spec)}" download>OpenAPI description (YAML)</a>`,
      ];
      return `    <section class="api" id="${escapeHtml(entry.id)}">
      <h2><a href="./${escapeHtml(entry.reference)}">${escapeHtml(entry.title)}</a> <span class="version">${escapeHtml(entry.version)}</span></h2>
      <p>${escapeHtml(entry.summary)}</p>
      <p class="links">${links.join("\n        ")}</p>
    </section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Backup API references</title>
  <meta name="description" content="API references of the Rackspace Cloud Databases backups API and the Z.com Compute backup API.">
  <link rel="icon" href="data:,">
  <style>
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2933; }
    h1 { margin-bottom: .25rem; }
    .api { border: 1px solid #d9e2ec; border-radius: 6px; padding: .25rem 1.25rem 1rem; margin: 1.5rem 0; }
    .api h2 { font-size: 1.25rem; }
    .api h2 a { color: inherit; }
    .version { font-size: .8rem; font-weight: normal; color: #52606d; background: #f0f4f8; border-radius: 3px; padding: 0 .35rem; }
    .links a { margin-right: 1.25rem; }
    .links a.primary { font-weight: 600; }
    code { background: #f0f4f8; padding: 0 .25rem; border-radius: 3px; }
    footer { color: #52606d; font-size: .9rem; margin-top: 2rem; }
  </style>
</head>
<body>
  <h1>Backup API references</h1>
  <p>Hand-written OpenAPI 3.1 descriptions of two vendors' backup APIs, checked against their source pages.
  Each reference starts with a getting-started section: authenticate, make a backup, follow it, and clean up.</p>
${cards}
  <footer>
    <p>The getting-started calls, and the try-it pages, run against a local sandbox of both APIs
    (<code>npm run sandbox</code>, token <code>demo-token</code>). Where a reference deviates from the
    vendor's pages, the <a href="./errata.html">errata</a> say so and why.</p>
  </footer>
</body>
</html>
`;
}
