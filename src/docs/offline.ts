// The reference pages must render with no network: everything they load comes from the page itself or
// from the folder it is served from. Redoc's script is inlined by `--inlineBundle` and the template loads
// no fonts; what is left is Redoc's attribution logo, an <img> it points at cdn.redoc.ly once mounted.

const svgDataUri = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg)}`;

const wordmark = (text: string, width: number) =>
  svgDataUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12" font-family="system-ui, sans-serif" font-size="12" font-weight="600" fill="#0044d4">${text}</text></svg>`,
  );

/** Remote images of the Redoc bundle and the inline images that replace them. */
export const REMOTE_ASSET_REPLACEMENTS: readonly (readonly [remote: string, inline: string])[] = [
  ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", wordmark("Redocly", 52)],
  ["https://cdn.redoc.ly/redoc/logo-mini.svg", wordmark("R", 10)],
];

/** A page rendered by `redocly build-docs`, with the remote images it would load replaced by inline ones. */
export function inlineRemoteAssets(html: string): string {
  let result = html;
  for (const [remote, inline] of REMOTE_ASSET_REPLACEMENTS) result = result.replaceAll(remote, inline);
  return result;
}

/**
 * Why a page would reach beyond its own origin as soon as it is opened: a script, stylesheet, font, icon
 * or image with an absolute http(s) address in the markup, a remote image the bundle sets at runtime that
 * was not replaced, or Redoc's telemetry left on. Empty when the page is self-contained. (Links the
 * reader may follow, such as the vendor's documentation, are not loads and are not reported.)
 */
export function offlineProblems(html: string): string[] {
  const problems: string[] = [];
  const loads = /<(script|link|img|source|iframe)\b[^>]*?\s(src|href|srcset)\s*=\s*["']?(https?:)?\/\/[^"'\s>]+/gi;
  for (const match of html.matchAll(loads)) {
    const tag = match[1]!.toLowerCase();
    // <link rel="…"> that is not a load (e.g. rel="canonical") is fine; stylesheets, icons and preloads are not.
    if (tag === "link" && !/\srel\s*=\s*["']?(stylesheet|icon|preload|modulepreload|preconnect|dns-prefetch)/i.test(match[0])) continue;
    problems.push(`loads ${match[0].replace(/^.*?\s(src|href|srcset)\s*=\s*["']?/i, "")} (<${tag}>)`);
  }
  if (/@import\s+url\(\s*["']?(https?:)?\/\//i.test(html)) problems.push("imports a remote stylesheet (@import url(…))");
  for (const [remote] of REMOTE_ASSET_REPLACEMENTS) {
    if (html.includes(remote)) problems.push(`still points at ${remote}`);
  }
  if (/fonts\.(googleapis|gstatic)\.com/.test(html)) problems.push("refers to Google Fonts");
  if (!html.includes('"disableTelemetry":true')) problems.push('Redoc telemetry is on (no "disableTelemetry":true in its options)');
  return problems;
}
