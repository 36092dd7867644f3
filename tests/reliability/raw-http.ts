// Raw HTTP/1.1 over a socket, for requests fetch cannot make: malformed escapes, odd request targets,
// header values undici refuses, duplicate framing headers. Only the status line and headers of the answer
// are parsed (that is all these tests read); the body is returned as received.
import { connect } from "node:net";

export interface RawAnswer {
  /** The status code, or undefined when the server closed the connection without an answer. */
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The socket error, when there was one (ECONNREFUSED: nothing listens any more). */
  readonly error?: string;
}

export interface RawRequestOptions {
  readonly method?: string;
  readonly target: string;
  /** Header lines, sent as given (no validation), after Host (unless they have one) and Connection: close. */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: string;
  /** Send this instead of building the request from the other fields. */
  readonly raw?: string;
}

/**
 * The request's bytes: `METHOD target HTTP/1.1`, Host, Connection: close, the given headers (one byte a
 * character, as given), the body in UTF-8 with its length; or `raw`, one byte a character.
 */
export function rawRequest(host: string, options: RawRequestOptions): Buffer {
  if (options.raw !== undefined) return Buffer.from(options.raw, "latin1");
  const ownHost = (options.headers ?? []).some(([name]) => name.toLowerCase() === "host");
  const lines = [`${options.method ?? "GET"} ${options.target} HTTP/1.1`, ...(ownHost ? [] : [`Host: ${host}`]), "Connection: close"];
  for (const [name, value] of options.headers ?? []) lines.push(`${name}: ${value}`);
  const hasLength = (options.headers ?? []).some(([name]) => /^(content-length|transfer-encoding)$/i.test(name));
  if (options.body !== undefined && !hasLength) lines.push(`Content-Length: ${Buffer.byteLength(options.body)}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), Buffer.from(options.body ?? "", "utf8")]);
}

/** Sends one request on a new connection and reads the answer until the server closes it (or `timeoutMs` of silence). */
export function sendRaw(origin: string, options: RawRequestOptions, timeoutMs = 10_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const socket = connect(Number(port), hostname);
    socket.setTimeout(timeoutMs, () => {
      error = `no answer within ${timeoutMs} ms`;
      socket.destroy();
    });
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (cause: NodeJS.ErrnoException) => {
      error ??= cause.code ?? cause.message;
    });
    socket.on("close", () => resolve(parseAnswer(Buffer.concat(chunks).toString("latin1"), error)));
    // write, not end: a server may take the client's half-close as the end of the exchange and answer nothing.
    socket.write(rawRequest(`${hostname}:${port}`, options));
  });
}

function parseAnswer(text: string, error: string | undefined): RawAnswer {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  const end = text.indexOf("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of text
    .slice(0, end < 0 ? text.length : end)
    .split("\r\n")
    .slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const answer = { status: match ? Number(match[1]) : undefined, headers, body: end < 0 ? "" : text.slice(end + 4) };
  return error === undefined ? answer : { ...answer, error };
}

/** Sends every request, `concurrency` at a time, and returns the answers in order. */
export async function sendAll(origin: string, requests: readonly RawRequestOptions[], concurrency = 8): Promise<RawAnswer[]> {
  const answers: RawAnswer[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      answers[index] = await sendRaw(origin, requests[index]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

/** One line per request, for a failure message: what was sent and what came back. */
export const describeExchange = (request: RawRequestOptions, answer: RawAnswer): string =>
  `${request.raw === undefined ? `${request.method ?? "GET"} ${request.target} ${JSON.stringify(request.headers ?? [])}` : JSON.stringify(request.raw.slice(0, 80))} → ${answer.status ?? answer.error ?? "closed"}`;
