import type { Middleware } from "openapi-fetch";

/** Middleware that sends the token in `X-Auth-Token`, the header both APIs authenticate with. */
export function authTokenMiddleware(authToken: string): Middleware {
  if (authToken.length === 0) throw new TypeError("authToken must not be empty");
  return {
    onRequest({ request }) {
      request.headers.set("X-Auth-Token", authToken);
      return request;
    },
  };
}
