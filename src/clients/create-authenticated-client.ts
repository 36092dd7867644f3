import createClient, { type Client } from "openapi-fetch";
import type { ClientOptions } from "./options.js";

/**
 * An openapi-fetch client for `Paths` that asks for JSON and authenticates with X-Auth-Token. The token
 * is one of the client's default headers, not a middleware: openapi-fetch merges a call's own `headers`
 * over the defaults, so a per-call X-Auth-Token wins (a middleware would run last and override it).
 */
export function createAuthenticatedClient<Paths extends {}>(options: ClientOptions): Client<Paths> {
  if (options.authToken.length === 0) throw new TypeError("authToken must not be empty");
  return createClient<Paths>({
    baseUrl: options.baseUrl,
    headers: { Accept: "application/json", ...options.headers, "X-Auth-Token": options.authToken },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
