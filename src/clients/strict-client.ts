import type { Client, FetchResponse, MaybeOptionalInit, Middleware } from "openapi-fetch";
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";

type Operation<Paths, P extends keyof Paths, M extends HttpMethod> = M extends keyof Paths[P]
  ? Paths[P][M] extends Record<string | number, unknown>
    ? Paths[P][M]
    : never
  : never;
type Init<Paths, P extends keyof Paths, M extends HttpMethod> = M extends keyof Paths[P] ? MaybeOptionalInit<Paths[P], M> : never;
type InitArgument<T> = RequiredKeysOf<T> extends never ? [init?: T] : [init: T];

/**
 * One HTTP method of a {@link StrictClient}. openapi-fetch's own signature infers `init` as a type
 * parameter, and TypeScript does not check excess properties against a type parameter, so a misspelt
 * body field (`descripton`) compiles. Here `init` is typed from the path alone, so every object literal
 * passed to it is checked field by field.
 */
export type StrictMethod<Paths extends {}, M extends HttpMethod> = <P extends PathsWithMethod<Paths, M>>(
  url: P,
  ...init: InitArgument<Init<Paths, P, M>>
) => Promise<FetchResponse<Operation<Paths, P, M>, Init<Paths, P, M>, "application/json">>;

/** openapi-fetch's client with {@link StrictMethod} signatures; the same object at run time. */
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
