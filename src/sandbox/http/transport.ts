// The sandbox's HTTP layer below the routes: how bodies are read, which methods reach the router, and
// what Node refuses before Fastify sees a request, answered with the APIs' fault body instead of
// Fastify's `{"error": …, "statusCode": …}` or Node's empty answer.
import { METHODS, type Server, type ServerOptions, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyInstance, HTTPMethods } from "fastify";
import { badRequest } from "../api-error.js";
import type { SandboxConfig } from "../config.js";

export type ServerLimits = Pick<SandboxConfig, "requestTimeoutMs" | "headersTimeoutMs" | "idleTimeoutMs" | "maxConnections">;

/** Node's keep-alive timeout (5 s), unless the idle timeout is shorter. */
const keepAliveMs = (limits: ServerLimits) => Math.min(5_000, limits.idleTimeoutMs);

/**
 * Options of the HTTP server that can only be given when it is made. Node checks the request and
 * headers timeouts every `connectionsCheckingInterval` (30 s by default, which would let a 1 s timeout
 * run 31 s), so it is a fraction of the shorter one, from 50 ms to a second.
 */
export function serverOptions(limits: ServerLimits): ServerOptions {
  return {
    // A request without Host is refused by registerHostRequirement, with the API's fault.
    requireHostHeader: false,
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    keepAliveTimeout: keepAliveMs(limits),
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

/**
 * The limits Node reads from the server itself. Set after Fastify has made its server, which sets its
 * own (no request timeout, a 72 s keep-alive, no idle timeout).
 */
export function limitServer(server: Server, limits: ServerLimits): void {
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.keepAliveTimeout = keepAliveMs(limits);
  // An idle socket is destroyed (no listener for the server's 'timeout' event, Node's default).
  server.setTimeout(limits.idleTimeoutMs);
  server.maxConnections = limits.maxConnections;
}

/**
 * Fastify's own JSON parser (its prototype-poisoning checks and error messages), except that an empty
 * body on a DELETE is no body: `curl -X DELETE -H 'Content-Type: application/json'` and many clients
 * send the header on every request, and a DELETE of either API takes no body. Every other method
 * still gets Fastify's 400 for an empty JSON body.
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    // parseAs "string": the body is a string, though the handler's type also allows a Buffer.
    if (request.method === "DELETE" && body === "") {
      done(null, undefined);
      return;
    }
    parse(request, body as string, done);
  });
}

/**
 * Every method Node parses reaches the router, so that a known path answers 405 with Allow to TRACE,
 * PROPFIND or QUERY too (Fastify routes seven methods by default; the rest were a 404 for a path that
 * exists). CONNECT never reaches it: Node hands it to the server's `connect` event (see guardServer).
 * Returns the methods the router now knows.
 */
export function registerAllMethods(app: FastifyInstance): HTTPMethods[] {
  for (const method of METHODS) {
    if (method !== "CONNECT" && !app.supportedMethods.includes(method)) app.addHttpMethod(method);
  }
  return app.supportedMethods as HTTPMethods[];
}

/**
 * HTTP/1.1 requires a Host header. Node refuses a request without one with an empty 400, so its check
 * is turned off (in serverOptions) and made here, where the answer is the
 * API's fault. The sandbox does not use the Host header otherwise (links come from its public origin).
 */
export function registerHostRequirement(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    if (request.raw.httpVersion === "1.1" && request.headers.host === undefined)
      throw badRequest("Malformed request: an HTTP/1.1 request needs a Host header.");
  });
}

/**
 * The fault body of a refusal made below the APIs' routes. Both APIs name their client-error fault
 * `badRequest` with the same `{code, message}`; neither names one for 408, 417 or 431, so those use it
 * too, with their own status as `code` (their status tells a client more than a 400 would).
 */
export function refusalBody(status: number, message: string): string {
  return JSON.stringify({ badRequest: { code: status, message } });
}

/** A whole HTTP/1.1 response with a refusal's fault body, for a socket Node has not made a request of. */
function writeRefusal(socket: Duplex, status: number, message: string): void {
  const body = refusalBody(status, message);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/** Node's clientError: its code and, for a parse error, llhttp's reason ("Duplicate Content-Length"). */
interface ClientError extends Error {
  readonly code?: string;
  readonly reason?: string;
}

/** What Node refused and why, as the status and message of the answer. */
function describeClientError(error: ClientError, limits: ServerLimits): [number, string] {
  // Node says ERR_HTTP_REQUEST_TIMEOUT for either timeout; the headers one is the shorter.
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return [
      408,
      `Request timeout: the headers must arrive within ${limits.headersTimeoutMs / 1000} s and the whole request within ${limits.requestTimeoutMs / 1000} s.`,
    ];
  if (error.code === "HPE_HEADER_OVERFLOW")
    return [431, "Request header fields too large: the request line and headers are over the server's limit."];
  return [400, `Malformed HTTP request (${error.code ?? "parse error"}): ${error.reason ?? error.message}.`];
}

/**
 * Fastify's `clientErrorHandler`: Node could not read a request (a malformed request line or header, a
 * duplicate Content-Length, headers over the limit, a timeout), so there is no request for Fastify's
 * hooks and only the socket to answer on: a complete HTTP/1.1 response with the fault body, then close.
 */
export function clientErrorHandler(limits: ServerLimits) {
  return (error: ClientError, socket: Duplex): void => {
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    // As Node's own handler: when this socket's response has begun, another cannot be written.
    const started = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (!socket.writable || started) {
      socket.destroy();
      return;
    }
    const [status, message] = describeClientError(error, limits);
    writeRefusal(socket, status, message);
  };
}

/**
 * The refusals Node makes on the server itself rather than through clientError: CONNECT (Node closed
 * the socket without a word when nothing listened for it) and an Expect other than 100-continue (an
 * empty 417).
 */
export function guardServer(server: Server): void {
  server.on("connect", (_request, socket: Duplex) => {
    writeRefusal(socket, 400, "Malformed request: CONNECT is not supported; the sandbox is no proxy.");
  });
  server.on("checkExpectation", (request, response) => {
    const body = refusalBody(417, `Expectation failed: the server meets no "Expect: ${request.headers.expect}", only 100-continue.`);
    response.writeHead(417, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      connection: "close",
    });
    response.end(body);
  });
}
