/** What an operation handler sees: the request, already authenticated and validated against the spec. */
export interface RequestContext {
  /** The account (Cloud Databases accountId, Z.com tenant_id) of the path, which the token owns. */
  readonly account: string;
  readonly path: Readonly<Record<string, string>>;
  /** Declared query parameters only, coerced to their schema types. */
  readonly query: Readonly<Record<string, unknown>>;
  // biome-ignore lint/suspicious/noExplicitAny: the body has passed the operation's request schema.
  readonly body: any;
  /** Scheme, host and API prefix of this request (`http://127.0.0.1:4020/v1.0`), for links. */
  readonly baseUrl: string;
  /** The request's path and query string, for pagination links. */
  readonly url: URL;
}

export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type OperationHandler = (context: RequestContext) => HandlerResult;
