import type { Middleware } from "openapi-fetch";
import type { HttpMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import type { StrictClient } from "./strict-client.js";

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<T, K extends PropertyKey> = Simplify<Omit<T, K> & { [P in K & keyof T]?: T[P] }>;

/** An operation's `parameters` with path parameter `Name` optional (and `path` too, when nothing else in it is required). */
type BoundParameters<Parameters, Name extends string> = Parameters extends { path: infer Path }
  ? Name extends keyof Path
    ? RequiredKeysOf<Omit<Path, Name>> extends never
      ? Simplify<Omit<Parameters, "path"> & { path?: OptionalKeys<Path, Name> }>
      : Simplify<Omit<Parameters, "path"> & { path: OptionalKeys<Path, Name> }>
    : Parameters
  : Parameters;

type BoundOperation<Operation, Name extends string> = Operation extends { parameters: unknown }
  ? { [K in keyof Operation]: K extends "parameters" ? BoundParameters<Operation[K], Name> : Operation[K] }
  : Operation;

/**
 * `Paths` (openapi-typescript's `paths`) where every operation's path parameter `Name` is optional: the
 * types of a client that fills it in itself, such as the account ID bound once at creation.
 */
export type BindPathParameter<Paths, Name extends string> = {
  [P in keyof Paths]: { [M in keyof Paths[P]]: M extends HttpMethod ? BoundOperation<Paths[P][M], Name> : Paths[P][M] };
};

const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH"] as const;
type Call = (url: string, init?: { params?: { path?: Record<string, unknown> } }) => Promise<unknown>;

/**
 * A client that sends `value` as path parameter `name` on every call that does not give its own. A thin
 * wrapper (openapi-fetch's pathSerializer is not called for a call without `params.path`); `use` and
 * `eject` act on the wrapped client.
 */
export function bindPathParameter<Paths extends {}, Name extends string>(
  client: StrictClient<Paths>,
  name: Name,
  value: string,
): StrictClient<BindPathParameter<Paths, Name>> {
  if (value.length === 0) throw new TypeError(`${name} must not be empty`);
  const methods = client as unknown as Record<(typeof METHODS)[number], Call>;
  const bound: Record<string, unknown> = {
    use: (...middleware: Middleware[]) => client.use(...middleware),
    eject: (...middleware: Middleware[]) => client.eject(...middleware),
  };
  for (const method of METHODS) {
    const call = methods[method];
    bound[method] = (url: string, init?: Parameters<Call>[1]) => {
      const path = init?.params?.path;
      if (path?.[name] !== undefined && path[name] !== null) return call(url, init);
      return call(url, { ...init, params: { ...init?.params, path: { ...path, [name]: value } } });
    };
  }
  return bound as unknown as StrictClient<BindPathParameter<Paths, Name>>;
}
