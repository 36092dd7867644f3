// The sandbox's HTTP layer below the routes: how bodies are read, and what Node and Fastify refuse
// before any route runs.
import type { FastifyInstance } from "fastify";

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
