// The headers the docs server sends with every answer. This is the one place the pages' Content-Security-Policy
// is defined: a page or feature that needs more (another origin to call, a script from a new place) widens
// the directive here, and the browser test (tests/docs/) fails on any violation.

/**
 * What the Redoc pages need, and nothing from elsewhere: Redoc's script is inlined into each page and
 * styled-components injects <style> elements ('unsafe-inline' for both; the pages are static files built
 * by us, with no user input in them); the Redocly logo and icons are inlined as data: URLs; Redoc's
 * search runs in a worker made from a blob: URL; the landing page is plain HTML and CSS. The try-it pages
 * send the reader's requests to a sandbox on this machine (`npm run sandbox`, any port), so loopback
 * origins may be called; nothing else is. CSP host-sources have no syntax for an IPv6 literal (Chromium
 * reports `http://[::1]:*` as invalid and ignores it), so a sandbox on [::1] is reached as localhost.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  // The types are the ones the server names (a .yaml file is never run as a script or shown as HTML).
  "X-Content-Type-Options": "nosniff",
  // Framing: CSP frame-ancestors for current browsers, X-Frame-Options for the others.
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
};
