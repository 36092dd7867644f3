import type { IncomingMessage, ServerResponse } from "node:http";

/** Where the served pages listen for reloads (server-sent events). */
export const EVENTS_PATH = "/_dev/events";

/**
 * What `npm run dev` adds to every HTML page it serves, and only there (the built site never has it):
 * reload on `reload`, and show a failed rebuild in the console. EventSource reconnects by itself after
 * a restart of `npm run dev`.
 */
export const RELOAD_SCRIPT =
  `<script data-dev-reload>(() => { const events = new EventSource(${JSON.stringify(EVENTS_PATH)}); ` +
  `events.addEventListener("reload", () => location.reload()); ` +
  `events.addEventListener("failed", (event) => console.error("npm run dev: the last edit did not build; still showing the last good one.\\n" + JSON.parse(event.data).problems.join("\\n"))); })();</script>`;

/** The page with the reload script before its closing body tag (or at its end). */
export function injectReloadScript(html: string): string {
  const at = html.lastIndexOf("</body>");
  return at < 0 ? html + RELOAD_SCRIPT : html.slice(0, at) + RELOAD_SCRIPT + html.slice(at);
}

/** The open event streams of the served pages. */
export class LiveReload {
  readonly #clients = new Set<ServerResponse>();

  get clients(): number {
    return this.#clients.size;
  }

  /** Answers a page's EventSource request and keeps the stream open. */
  attach(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
    response.write("retry: 1000\n\n");
    this.#clients.add(response);
    request.once("close", () => this.#clients.delete(response));
  }

  /** Sends one event to every page; how many got it. */
  send(event: "reload" | "failed", data: unknown = {}): number {
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.#clients) client.write(message);
    return this.#clients.size;
  }

  /** Ends every stream (a server cannot close while they are open). */
  close(): void {
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }
}
