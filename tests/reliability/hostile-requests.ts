// Hostile requests for any HTTP server of the project: malformed percent-escapes, traversal, odd request
// targets, media types, ranges, methods and framing, and random printable junk (fast-check, fixed seed, so a
// failure repeats). Each list is bounded; the tests say how many they send.
import fc from "fast-check";
import type { RawRequestOptions } from "./raw-http.js";

/** Path segments and query values whose percent-escapes do not decode (or decode to something nasty). */
export const BAD_ESCAPES = [
  "%",
  "%zz",
  "%c0%ae",
  "%ff",
  "%e0%80",
  "a%",
  "%%",
  "%u0041",
  "%ed%a0%80",
  "%00",
  "%2e%2e%2f",
  "%5c",
  "%0d%0a",
  "%25",
];

/** Accept and Content-Type values that are malformed, unusual or absurd. */
export const ODD_MEDIA_TYPES = [
  ";;;/",
  "/",
  ";",
  "*/*;q=",
  "text/",
  "a/b;c",
  "x;y/z",
  ",,,",
  "*/*;q=abc",
  "*/*;q=2",
  "application/json;;",
  'application/json; charset="',
  "application/json, ",
  "*/*;q=0",
  "application/*",
  "text/html",
  "application/xml",
  "multipart/form-data",
  "application/x-www-form-urlencoded",
  `${"a".repeat(3000)}/b`,
];

export const ODD_METHODS = ["PATCH", "OPTIONS", "HEAD", "TRACE", "PUT", "DELETE", "POST", "FOO", "M-SEARCH", "PROPFIND", "LINK"];

/** Request targets outside the usual `/path?query`. */
export const ODD_TARGETS = [
  "*",
  "http://evil.example/",
  "//",
  "/..",
  "/../../../../etc/passwd",
  "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
  "/..%2f..%2f..%2fetc%2fpasswd",
  "/./././",
  "/..\\..\\..\\windows\\win.ini",
  "/?%",
  "/?%zz=%zz",
  "/?a=1&a=2&a[]=3&a[b]=4",
  `/${"a".repeat(7000)}`,
  `/?${"q=1&".repeat(1500)}`,
];

/** Whole requests with broken framing or header syntax, sent byte for byte. */
export function malformedRequests(path: string): RawRequestOptions[] {
  const target = path;
  const raw = (text: string): RawRequestOptions => ({ target, raw: text });
  return [
    raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab`),
    raw(`POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`),
    raw(`POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\nConnection: close\r\n\r\n0\r\n\r\n`),
    raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nno colon here\r\nConnection: close\r\n\r\n`),
    raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\nConnection: close\r\n\r\n`),
    raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n  b\r\nConnection: close\r\n\r\n`),
    raw(`GET ${target} HTTP/1.1\r\nConnection: close\r\n\r\n`),
    raw(`GET ${target} HTTP/1.0\r\n\r\n`),
    raw(`GET ${target} HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n`),
    raw(`GET ${target}\r\n\r\n`),
    raw(`GET ${target} HTTP/1.1\nHost: x\nConnection: close\n\n`),
    raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(20_000)}\r\nConnection: close\r\n\r\n`),
    raw(`GET ${target.replace("/", "/\u00e9\u00c3\u00a9")} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
    raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nX-Ctl: a\u0001b\r\nConnection: close\r\n\r\n`),
    raw(`\r\n\r\n\u0000\u0001 ${target}\r\n\r\n`),
    raw(`${"A".repeat(100)} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
  ];
}

/** Requests on `paths`: each bad escape in a path segment and in the query, each odd method and media type. */
export function hostileRequests(paths: readonly string[]): RawRequestOptions[] {
  const requests: RawRequestOptions[] = [];
  for (const path of paths) {
    for (const bad of BAD_ESCAPES) {
      requests.push({ target: `${path}/${bad}` }, { target: `${path}?limit=${bad}&${bad}=1` });
    }
    for (const method of ODD_METHODS)
      requests.push({ method, target: path, ...(method === "POST" || method === "PUT" ? { body: "{" } : {}) });
    for (const type of ODD_MEDIA_TYPES) {
      requests.push({ target: path, headers: [["Accept", type]] });
      requests.push({ method: "POST", target: path, headers: [["Content-Type", type]], body: '{"a":1}' });
    }
  }
  for (const target of ODD_TARGETS) requests.push({ target });
  requests.push(...malformedRequests(paths[0] ?? "/"));
  return requests;
}

/** `count` requests with random printable junk in a path segment, the query and a few headers. */
export function junkRequests(paths: readonly string[], count: number, seed: number): RawRequestOptions[] {
  const printable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 });
  const request = fc.record({
    path: fc.constantFrom(...paths),
    segment: printable.map((text) => text.replaceAll("#", "%23")),
    query: printable.map((text) => text.replaceAll("#", "%23")),
    method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "HEAD"),
    header: fc.constantFrom("Accept", "Content-Type", "Range", "If-None-Match", "If-Modified-Since", "Accept-Encoding", "X-Auth-Token"),
    value: printable,
    body: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
  });
  return fc.sample(request, { seed, numRuns: count }).map(({ path, segment, query, method, header, value, body }) => ({
    method,
    target: `${path}/${segment}?${query}`,
    headers: [[header, value]],
    ...(body === undefined ? {} : { body }),
  }));
}
