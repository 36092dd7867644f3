// Splits the HTTP messages that the pages print inside their examples. These are plain text inside a
// code block (docutils hands them over as one literal string), so reading them is line work: a start
// line, `Name: value` headers, then the body.
import type { SourceRequest } from "./source-page.js";

const METHODS = "GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS";
export const HTTP_START = new RegExp(`^(HTTP/1\\.[01] \\d{3}|(${METHODS}) \\S+ HTTP/1\\.[01])`);
const REQUEST_LINE = new RegExp(`^(${METHODS}) (\\S+) HTTP/1\\.[01]$`);
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})\b/;
const HEADER = /^[A-Za-z][A-Za-z0-9-]*:\s/;
/** An operation as a page writes it: `GET /{version}/{accountId}/backups`. */
export const OPERATION_LINE = new RegExp(`^(${METHODS})\\s+(/\\S*)$`);

/** Splits an example into its HTTP head (start line and headers) and its body. */
export function splitHttpMessage(lines: readonly string[]): { head: string[]; body: string } {
  const head: string[] = [];
  let index = 0;
  while (index < lines.length && lines[index]!.trim() === "") index++;
  if (index < lines.length && HTTP_START.test(lines[index]!.trim())) {
    head.push(lines[index++]!.trim());
    // A page may double-space its head (the Create backup page does): a blank line followed by another
    // header line does not end it, since a body never starts with `Name: value`.
    for (let next = index; next < lines.length; next++) {
      if (lines[next]!.trim() === "") continue;
      if (!HEADER.test(lines[next]!.trim())) break;
      head.push(lines[next]!.trim());
      index = next + 1;
    }
  }
  return { head, body: trimBlankLines(lines.slice(index)).join("\n") };
}

/** The request of a head that starts with a request line, with the `Host` header's host if there is one. */
export function requestOfHead(head: readonly string[]): SourceRequest | undefined {
  const match = REQUEST_LINE.exec(head[0] ?? "");
  if (!match) return undefined;
  const host = head
    .slice(1)
    .map((line) => /^host:\s*(\S+)$/i.exec(line)?.[1])
    .find((value) => value !== undefined);
  return { method: match[1]!, target: match[2]!, ...(host ? { host } : {}) };
}

/** The status code of a head that starts with a status line. */
export function statusOfHead(head: readonly string[]): string | undefined {
  return STATUS_LINE.exec(head[0] ?? "")?.[1];
}

export function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === "") start++;
  while (end > start && lines[end - 1]!.trim() === "") end--;
  return lines.slice(start, end);
}

/**
 * The request of a curl command (`curl -i -X GET -H "…" https://host/path`), continuation lines joined.
 * Only what the pages use is read: `-X`, `-d`/`--data` (which make curl POST), and the URL. Quoting is
 * read for double and single quotes, which is all a documentation example needs.
 */
export function requestOfCurl(command: string): SourceRequest | undefined {
  const words = shellWords(command.replace(/\\\n/g, " "));
  if (words[0] !== "curl") return undefined;
  let method: string | undefined;
  let hasData = false;
  let url: string | undefined;
  for (let index = 1; index < words.length; index++) {
    const word = words[index]!;
    if (word === "-X" || word === "--request") method = words[++index];
    else if (/^-X[A-Z]+$/.test(word)) method = word.slice(2);
    else if (["-d", "--data", "--data-raw", "--data-binary"].includes(word)) {
      hasData = true;
      index++;
    } else if (["-H", "--header", "-u", "--user", "-o", "--output"].includes(word)) index++;
    else if (/^https?:\/\//.test(word)) url = word;
  }
  if (!url) return undefined;
  const parsed = new URL(url);
  return { method: method ?? (hasData ? "POST" : "GET"), host: parsed.host, target: `${parsed.pathname}${parsed.search}` };
}

function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    words.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : (match[2] ?? match[3]!));
  }
  return words;
}
