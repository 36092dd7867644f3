// A guard in front of each Prism mock. Prism 5 ends its whole process on some malformed requests (an
// uncaught URIError for a path escape that does not decode, such as `/1234/backups/%`, `%zz` or `%c0%ae`;
// an uncaught TypeError from content-type for an Accept member it cannot parse, such as `;;;/`) and answers
// 500 for a malformed Content-Type. The guard refuses those requests with the API's documented 400 fault
// body and passes everything else through unchanged.
//
// node:http rather than a proxy library: the pass-through is one request piped each way (below), and the
// candidates add what is not wanted here: http-proxy has had no release since 2020, and Fastify's proxy
// would put Fastify's own refusals and error bodies in front of the mock's.
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import contentType from "content-type";
import { type FaultStyle, faultBody } from "../sandbox/faults.js";

export interface GuardOptions {
  /** Where to listen. */
  readonly host: string;
  readonly port: number;
  /** The Prism mock behind the guard (on 127.0.0.1). */
  readonly upstreamPort: number;
  /** Whose fault bodies to answer with. */
  readonly faults: FaultStyle;
}

const QVALUE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);
const shown = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

/**
 * What is wrong with a request Prism cannot take, or the headers to forward it with (Accept without the
 * members Prism fails on although they are allowed: empty ones and refusals, q=0).
 */
export function checkRequest(request: IncomingMessage): { problem: string } | { headers: IncomingHttpHeaders } {
  const url = request.url ?? "";
  // Prism reads the target as `new URL(target, base)`: "//x/…" would name a host, and it fails (500) on "//".
  if (!url.startsWith("/") || url.startsWith("//")) return { problem: `The request target ${shown(url)} is not a path.` };
  const path = url.split("?", 1)[0]!;
  try {
    decodeURIComponent(path);
  } catch {
    return { problem: `The path ${shown(path)} has a percent-escape that does not decode to UTF-8 text.` };
  }
  const headers = { ...request.headers };
  if (headers.accept !== undefined) {
    const members = headers.accept
      .split(",")
      .map((member) => member.trim())
      .filter((member) => member !== "");
    const acceptable: string[] = [];
    for (const member of members) {
      let q: string | undefined;
      try {
        q = contentType.parse(member).parameters.q;
      } catch {
        return { problem: `The Accept header's ${shown(member)} is not a media range.` };
      }
      if (q !== undefined && !QVALUE.test(q))
        return { problem: `The Accept header's ${shown(member)} has a q that is not a number from 0 to 1.` };
      // q=0 refuses a type. A server may disregard Accept (RFC 9110 §12.5.1); Prism answers 500 when nothing is left.
      if (q === undefined || Number(q) > 0) acceptable.push(member);
    }
    // Empty members are allowed and ignored (RFC 9110 §5.6.1); Prism fails on them too.
    if (acceptable.length > 0) headers.accept = acceptable.join(", ");
    else delete headers.accept;
  }
  if (headers["content-type"] !== undefined) {
    try {
      contentType.parse(headers["content-type"]);
    } catch {
      return { problem: `The Content-Type ${shown(headers["content-type"])} is not a media type.` };
    }
  }
  return { headers };
}

/** Starts the guard; resolves once it listens. */
export function startGuard(options: GuardOptions): Promise<Server> {
  const server = createServer((request, response) => {
    const checked = checkRequest(request);
    if ("problem" in checked) {
      request.resume();
      return answerFault(response, options.faults, 400, checked.problem);
    }
    forward(request, response, checked.headers, options);
  });
  // Bounded time for a client to send its request; Prism has no limits of its own.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

function forward(request: IncomingMessage, response: ServerResponse, headers: IncomingHttpHeaders, options: GuardOptions): void {
  const upstream = httpRequest(
    { host: "127.0.0.1", port: options.upstreamPort, method: request.method, path: request.url, headers: withoutHopByHop(headers) },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
      answer.pipe(response);
      answer.on("error", () => response.destroy());
    },
  );
  upstream.on("error", () => {
    // Prism went away or reset the connection: the mock cannot answer (the scripts stop everything then).
    if (response.headersSent) response.destroy();
    else answerFault(response, options.faults, 503, "The mock is not running.");
  });
  response.on("close", () => {
    if (!response.writableFinished) upstream.destroy();
  });
  request.pipe(upstream);
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

function answerFault(response: ServerResponse, style: FaultStyle, status: number, message: string): void {
  const body = JSON.stringify(faultBody(style, status, message));
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  response.end(body);
}
