/**
 * The benchmark's ceiling: a bare `node:http` server that answers every request with the same bytes,
 * without routing, authentication or validation.
 *
 *   node --import tsx src/bench/bare-server.ts --port <port> --body <file> [--content-type <type>]
 *
 * Listens on 127.0.0.1, prints `bare: listening on http://127.0.0.1:<port>`, and stops on SIGTERM.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    body: { type: "string" },
    "content-type": { type: "string", default: "application/json; charset=utf-8" },
  },
});
if (!values.body) throw new Error("--body <file> is required");

const body = readFileSync(values.body);
const headers = { "content-type": values["content-type"], "content-length": String(body.length) };
const server = createServer((request, response) => {
  // Drain any request body, then answer with the fixed bytes.
  request.resume();
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(Number(values.port), "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`bare: listening on http://127.0.0.1:${address.port}`);
});
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
