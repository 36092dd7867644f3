import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

// CORS for the docs site's try-it pages: they are served by `npm run docs:serve` (or the browser
// test) from 127.0.0.1 on another port than the sandbox, so the browser asks the sandbox first. Only
// pages served from this machine (a loopback origin, any port: the docs server's port is chosen at run
// time) may read its answers; a page from anywhere else gets no CORS headers, so the browser keeps the
// answers from it. Requests without an Origin header (curl, the clients, the tests) are untouched, and
// so is an OPTIONS that is not a preflight: it still gets the sandbox's own answer.
//
// A hook rather than @fastify/cors: that plugin always adds an `OPTIONS *` route, which took over the
// OPTIONS requests the sandbox answers itself (a malformed path's 400 became a 404).

/** Origins of pages served from this machine: http://127.0.0.1:<port>, http://localhost:<port>, http://[::1]:<port>. */
const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;

export const isDocsOrigin = (origin: string | undefined): origin is string => origin !== undefined && LOOPBACK_ORIGIN.test(origin);

/** What a try-it request may send (the methods of both APIs and their headers) and read. */
const ALLOW_METHODS = "GET, POST, PUT, DELETE";
const ALLOW_HEADERS = "Accept, Content-Type, X-Auth-Token";
const EXPOSE_HEADERS = "Location";

async function docsCors(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const origin = request.headers.origin;
  if (!isDocsOrigin(origin)) return;
  reply.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin").header("Access-Control-Expose-Headers", EXPOSE_HEADERS);
  if (request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined) {
    await reply
      .code(204)
      .header("Access-Control-Allow-Methods", ALLOW_METHODS)
      .header("Access-Control-Allow-Headers", ALLOW_HEADERS)
      .header("Access-Control-Max-Age", "600")
      .header("Content-Length", "0")
      .send();
  }
}

/** Registers CORS for the docs origins on the sandbox. */
export function registerDocsCors(app: FastifyInstance): void {
  app.addHook("onRequest", docsCors);
}
