import fastifyCors, { type FastifyCorsOptions } from "@fastify/cors";
import type { FastifyInstance, FastifyRequest } from "fastify";

// CORS for the docs site's try-it pages: they are served by `npm run docs:serve` (or the browser
// test) from 127.0.0.1 on another port than the sandbox, so the browser asks the sandbox first. Only
// pages served from this machine (a loopback origin, any port: the docs server's port is chosen at run
// time) may read its answers; a page from anywhere else gets no CORS headers, so the browser keeps the
// answers from it. Requests without an Origin header (curl, the clients, the tests) are untouched, and
// so is an OPTIONS that is not a preflight: it still gets the sandbox's own 405.

/** Origins of pages served from this machine: http://127.0.0.1:<port>, http://localhost:<port>, http://[::1]:<port>. */
const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;

export const isDocsOrigin = (origin: string | undefined): boolean => origin !== undefined && LOOPBACK_ORIGIN.test(origin);

/** What a try-it request sends and may read, for the methods of both APIs. */
const ALLOWED: FastifyCorsOptions = {
  methods: ["GET", "POST", "PUT", "DELETE"],
  allowedHeaders: ["Accept", "Content-Type", "X-Auth-Token"],
  exposedHeaders: ["Location"],
  maxAge: 600,
};

function corsFor(request: FastifyRequest): FastifyCorsOptions {
  const origin = request.headers.origin;
  const preflightOrPlain = request.method !== "OPTIONS" || request.headers["access-control-request-method"] !== undefined;
  return isDocsOrigin(origin) && preflightOrPlain ? { ...ALLOWED, origin } : { origin: false };
}

/** Registers CORS for the docs origins on the sandbox (call before it listens). */
export function registerDocsCors(app: FastifyInstance): void {
  void app.register(
    fastifyCors,
    () => (request: FastifyRequest, callback: (error: Error | null, options: FastifyCorsOptions) => void) =>
      callback(null, corsFor(request)),
  );
}
