import type { Client, FetchResponse, MaybeOptionalInit, Middleware, ParseAs } from "openapi-fetch";
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";

/** The operation object of `M` on path `P`. */
export type Operation<Paths, P extends keyof Paths, M extends HttpMethod> = M extends keyof Paths[P]
  ? Paths[P][M] extends Record<string | number, unknown>
    ? Paths[P][M]
    : never
  : never;
/** What a call of `M` on path `P` takes besides the URL: params, body, headers, parseAs… */
export type Init<Paths, P extends keyof Paths, M extends HttpMethod> = M extends keyof Paths[P] ? MaybeOptionalInit<Paths[P], M> : never;
/** `init` is optional where nothing in it is required, as in openapi-fetch. */
export type InitArgument<T> = RequiredKeysOf<T> extends never ? [init?: T] : [init: T];

/**
 * One HTTP method of a {@link StrictClient}. openapi-fetch's own signature infers `init` as a type
 * parameter, and TypeScript does not check excess properties against a type parameter, so a misspelt
 * body field (`descripton`) compiles. Here `init` is typed from the path alone, so every object literal
 * passed to it is checked field by field; only `parseAs` is inferred (`A`), so that `data` is typed as
 * what the body is parsed as: JSON by default, a string for `parseAs: "text"`, and so on.
 */
export type StrictMethod<Paths extends {}, M extends HttpMethod> = <P extends PathsWithMethod<Paths, M>, A extends ParseAs = "json">(
  url: P,
  ...init: InitArgument<Init<Paths, P, M> & { parseAs?: A }>
) => Promise<FetchResponse<Operation<Paths, P, M>, { parseAs: A }, "application/json">>;

/** openapi-fetch's client with {@link StrictMethod} signatures. */
export interface StrictClient<Paths extends {}> {
  GET: StrictMethod<Paths, "get">;
  PUT: StrictMethod<Paths, "put">;
  POST: StrictMethod<Paths, "post">;
  DELETE: StrictMethod<Paths, "delete">;
  PATCH: StrictMethod<Paths, "patch">;
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}

/** Narrows an openapi-fetch client to the strict signatures (a type-level view, no wrapper at run time). */
export function strict<Paths extends {}>(client: Client<Paths>): StrictClient<Paths> {
  return client as unknown as StrictClient<Paths>;
}
