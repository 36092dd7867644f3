import { realpathSync } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { posix, sep } from "node:path";
import send from "send";
import { SECURITY_HEADERS } from "./security-headers.js";

/** What `npm run dev` adds to the static server: its own routes, and a change to every HTML page served. */
export interface StaticServerOptions {
  /** Answers a request itself and returns true, or returns false to leave it to the file server. */
  readonly route?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** The HTML pages as served (not as stored): read whole, changed, sent uncached. */
  readonly transformHtml?: (html: string) => string;
}

/**
 * A server of a folder of static files (the built reference docs), not yet listening.
 *
 * Files go out through `send` (the file server under Express's static middleware: ranges with 416 for
 * unsatisfiable ones, ETag and conditional GET). In front of it, a request is refused unless its path
 * decodes, names no dotfile or dot-folder, and resolves, symlinks followed, to a file inside the folder:
 * `send` guards against `..` but follows any symlink. The resolved path is what `send` serves.
 */
export function createStaticServer(dir: string, options: StaticServerOptions = {}): Server {
  const root = realpathSync(dir);
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    if (options.route?.(request, response)) return;
    serve(root, request, response, options.transformHtml).catch((error: unknown) => {
      console.error(`docs: ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      refuse(response, 404, "Not found");
    });
  });
  // Bounded time for a client to send its request: a slow or silent one is cut off.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}

/** Serves a folder of static files on host:port (see createStaticServer); resolves once listening. */
export function serveStatic(dir: string, port: number, host = "127.0.0.1", options: StaticServerOptions = {}): Promise<Server> {
  const server = createStaticServer(dir, options);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

async function serve(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  transformHtml: StaticServerOptions["transformHtml"],
): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD");
    return refuse(response, 405, "Method not allowed");
  }
  const file = await resolveFile(root, request.url ?? "/");
  if (file === "bad request") return refuse(response, 400, "Bad request");
  if (file === undefined) return refuse(response, 404, "Not found");
  if (file.redirect) {
    response.statusCode = 301;
    response.setHeader("Location", file.redirect);
    response.end();
    return;
  }
  if (transformHtml && file.path.endsWith(".html")) {
    const body = Buffer.from(transformHtml(await readFile(file.path, "utf8")));
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length, "Cache-Control": "no-store" });
    response.end(request.method === "HEAD" ? undefined : body);
    return;
  }
  const relative = urlPath(file.path.slice(root.length).split(sep));
  send(request, relative, { root, dotfiles: "deny", index: false })
    .on("error", (error: { status?: number; headers?: Record<string, string> }) => {
      for (const [name, value] of Object.entries(error.headers ?? {})) response.setHeader(name, value);
      const status = error.status ?? 500;
      refuse(response, status >= 500 ? 404 : status, status === 416 ? "Range not satisfiable" : "Not found");
    })
    .pipe(response);
}

/** The file a URL names inside `root`, or a redirect to its folder's URL with a slash, or undefined. */
async function resolveFile(root: string, url: string): Promise<{ path: string; redirect?: string } | "bad request" | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, "http://docs.invalid").pathname);
  } catch {
    return "bad request";
  }
  if (pathname.includes("\0")) return "bad request";
  const normalized = posix.normalize(pathname);
  if (normalized.split("/").some((segment) => segment.startsWith("."))) return undefined;
  const real = await realpath(root + normalized).catch(() => undefined);
  if (real === undefined || (real !== root && !real.startsWith(root + sep))) return undefined;
  const info = await stat(real);
  if (info.isFile()) return { path: real };
  if (!info.isDirectory()) return undefined;
  if (!normalized.endsWith("/")) return { path: real, redirect: `${urlPath(normalized.split("/"))}/` };
  const index = await realpath(`${real}${sep}index.html`).catch(() => undefined);
  return index?.startsWith(root + sep) ? { path: index } : undefined;
}

/** Path segments as a URL path: each percent-encoded, joined by slashes. */
const urlPath = (segments: readonly string[]): string => segments.map(encodeURIComponent).join("/");

function refuse(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.statusCode = status;
  response.setHeader("Content-Type", "text/plain; charset=utf-8");
  response.end(`${message}\n`);
}
