/** What every client factory takes. */
export interface ClientOptions {
  /**
   * Where the API is served, including the version segment for a real endpoint
   * (`https://dfw.databases.api.rackspacecloud.com/v1.0`). A Prism mock serves the paths at its root.
   */
  readonly baseUrl: string;
  /**
   * The X-Auth-Token value, sent with every request. A call's own `headers: { "X-Auth-Token": … }` wins
   * over it, as any per-call header does in openapi-fetch.
   */
  readonly authToken: string;
  /** A fetch implementation to use instead of the global one (tests, proxies). */
  readonly fetch?: (input: Request) => Promise<Response>;
  /** Extra headers sent with every request (X-Auth-Token is `authToken`'s). */
  readonly headers?: Record<string, string>;
}
