import type { Server } from "node:http";
import { createStaticServer } from "../docs/serve-static.js";
import { EVENTS_PATH, injectReloadScript, type LiveReload } from "./live-reload.js";

/**
 * The docs site as `npm run dev` serves it: the docs server of `npm run docs:serve` (same refusals and
 * headers), with the live-reload script added to each HTML page on the way out and the event stream at
 * /_dev/events.
 */
export function createDocsServer(dir: string, reload: LiveReload): Server {
  return createStaticServer(dir, {
    route: (request, response) => {
      if (request.url?.split("?")[0] !== EVENTS_PATH) return false;
      reload.attach(request, response);
      return true;
    },
    transformHtml: injectReloadScript,
  });
}
