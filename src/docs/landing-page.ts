import type { ApiDefinition } from "../apis.js";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A self-contained index page linking each API's reference (no external fonts, scripts or styles). */
export function landingPage(apis: readonly ApiDefinition[]): string {
  const items = apis
    .map((api) => `      <li><a href="./${api.id}.html">${escapeHtml(api.title)}</a> <code>${api.id}</code></li>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Backup API references</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2933; }
    code { background: #f0f4f8; padding: 0 .25rem; border-radius: 3px; }
  </style>
</head>
<body>
  <h1>Backup API references</h1>
  <p>Hand-written OpenAPI 3.1 descriptions of two vendors' backup APIs, checked against their source pages.</p>
  <ul>
${items}
  </ul>
</body>
</html>
`;
}
