import { createServer, type Server } from "node:http";
import sirv from "sirv";

/** Serves a folder of static files (the built reference docs) on host:port; resolves once listening. */
export function serveStatic(dir: string, port: number, host = "127.0.0.1"): Promise<Server> {
  const handler = sirv(dir, { dev: true, etag: true });
  const server = createServer((request, response) =>
    handler(request, response, () => {
      response.statusCode = 404;
      response.end("Not found");
    }),
  );
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
