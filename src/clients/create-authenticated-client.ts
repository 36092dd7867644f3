import createClient from "openapi-fetch";
import { authTokenMiddleware } from "./auth.js";
import type { ClientOptions } from "./options.js";
import { type StrictClient, strict } from "./strict-client.js";

/** An openapi-fetch client for `Paths` that asks for JSON and authenticates every request with X-Auth-Token. */
export function createAuthenticatedClient<Paths extends {}>(options: ClientOptions): StrictClient<Paths> {
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    headers: { Accept: "application/json", ...options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(authTokenMiddleware(options.authToken));
  return strict(client);
}
