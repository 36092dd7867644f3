import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { join, normalize, resolve, sep } from "node:path";
import sirv from "sirv";
import { EVENTS_PATH, injectReloadScript, type LiveReload } from "./live-reload.js";

/**
 * The docs site as `npm run dev` serves it: the files of the built site, with the live-reload script
 * added to each HTML page on the way out and the event stream at /_dev/events.
 *
 * HTML pages are read here rather than by sirv, which streams files and has no hook to change them;
 * everything else (the bundled specs, images) is sirv's, without caching, since the files change.
 */
export function createDocsServer(dir: string, reload: LiveReload): Server {
  const root = resolve(dir);
  const files = sirv(root, { dev: true, etag: true });
  return createServer((request, response) => {
    const path = pathOf(request.url);
    if (path === EVENTS_PATH) return reload.attach(request, response);
    const html = path === undefined ? undefined : htmlFile(root, path);
    if (html === undefined || (request.method !== "GET" && request.method !== "HEAD")) {
      return files(request, response, () => {
        response.statusCode = 404;
        response.end("Not found");
      });
    }
    readFile(html, "utf8").then(
      (text) => {
        const body = Buffer.from(injectReloadScript(text));
        response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length, "Cache-Control": "no-store" });
        response.end(request.method === "HEAD" ? undefined : body);
      },
      () => {
        response.statusCode = 404;
        response.end("Not found");
      },
    );
  });
}

/** The request's decoded path, or undefined when it does not decode. */
function pathOf(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(url ?? "/", "http://localhost").pathname);
  } catch {
    return undefined;
  }
}

/** The HTML file a path names inside the site (`/` is index.html), or undefined for anything else or outside. */
function htmlFile(root: string, path: string): string | undefined {
  const name = path.endsWith("/") ? `${path}index.html` : path;
  if (!name.endsWith(".html") || name.includes("\0")) return undefined;
  const file = normalize(join(root, name));
  return file.startsWith(root + sep) ? file : undefined;
}
