import type { SuccessResponseJSON } from "openapi-typescript-helpers";
import { ApiError } from "./api-error.js";
import type { Init, InitArgument } from "./strict-client.js";

type QueryOf<Operation> = Operation extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;

/** The paths whose GET pages with `marker` (the Cloud Databases backup lists). */
export type PagedPath<Paths> = {
  [P in keyof Paths]: Paths[P] extends { get: infer Operation }
    ? [QueryOf<Operation>] extends [never]
      ? never
      : "marker" extends keyof QueryOf<Operation>
        ? P
        : never
    : never;
}[keyof Paths];

/** One page's body: the GET's JSON success body (`BackupList`). */
export type Page<Paths, P extends keyof Paths> = Paths[P] extends { get: infer Operation extends Record<string | number, unknown> }
  ? SuccessResponseJSON<Operation>
  : never;

/** The items of a page: the elements of its one array other than `links` (`backups` of a BackupList). */
export type PageItem<Body> = {
  [K in Exclude<keyof Body, "links">]-?: NonNullable<Body[K]> extends readonly (infer Item)[] ? Item : never;
}[Exclude<keyof Body, "links">];

/** What the pager takes: the GET's init; it sets `marker` (a given one is where it starts) and parses JSON. */
export type PageInit<Paths, P extends keyof Paths> = Init<Paths, P, "get"> & { parseAs?: "json" };

/** The pager methods of a client whose API pages its lists. */
export interface Pager<Paths extends {}> {
  /**
   * Every page of a list, following the `links` entry with `rel: next` until a page has none. Each
   * request goes to the client's own base URL with the next link's `marker`: the link's host is not
   * contacted, so the token goes nowhere else.
   *
   * @throws ApiError when a page is an error response.
   */
  pages<P extends PagedPath<Paths>>(url: P, ...init: InitArgument<PageInit<Paths, P>>): AsyncGenerator<Page<Paths, P>, void, undefined>;
  /**
   * Every item of a list across its pages, in order (see {@link Pager.pages}).
   *
   * @example for await (const backup of db.paginate("/{accountId}/backups", { params: { query: { datastore: "mysql" } } })) …
   */
  paginate<P extends PagedPath<Paths>>(
    url: P,
    ...init: InitArgument<PageInit<Paths, P>>
  ): AsyncGenerator<PageItem<Page<Paths, P>>, void, undefined>;
}

interface PageInitShape {
  params?: { query?: Record<string, unknown> } & Record<string, unknown>;
  [key: string]: unknown;
}
type Get = (url: string, init: PageInitShape) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * The pager methods over `client`'s GET (a client with a bound account keeps it on every page). `Paths` is
 * given, not inferred: relating a whole client type to `StrictClient<Paths>` costs the type checker
 * seconds (variance probing of the generic signatures) in every build and every consumer's check.
 */
export function pagerOf<Paths extends {}>(client: { readonly GET: unknown }): Pager<Paths> {
  const get = client.GET as unknown as Get;
  const pages = (url: string, init?: PageInitShape) => eachPage(get, url, init);
  return {
    pages: pages as Pager<Paths>["pages"],
    paginate: async function* (url: string, init?: PageInitShape) {
      for await (const page of pages(url, init)) yield* itemsOf(url, page);
    } as Pager<Paths>["paginate"],
  };
}

async function* eachPage(get: Get, url: string, init: PageInitShape | undefined): AsyncGenerator<unknown, void, undefined> {
  let marker = init?.params?.query?.marker as string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const query = { ...init?.params?.query, ...(marker === undefined ? {} : { marker }) };
    const { data, error, response } = await get(url, { ...init, parseAs: "json", params: { ...init?.params, query } });
    const request = `GET ${url}${marker === undefined ? "" : ` (marker ${marker})`}`;
    if (!response.ok || error !== undefined) throw new ApiError(request, response, error);
    yield data;
    const next = nextMarker(request, data);
    if (next === undefined) return;
    // A server that hands out the same marker again would otherwise be paged forever.
    if (seen.has(next) || next === marker) throw new Error(`${request}: the next link repeats marker ${next}; stopping instead of looping`);
    seen.add(next);
    marker = next;
  }
}

/** The `marker` of the page's `rel: next` link, or undefined on the last page. */
function nextMarker(request: string, page: unknown): string | undefined {
  const links = (page as { links?: { rel?: unknown; href?: unknown }[] } | undefined)?.links;
  const next = Array.isArray(links) ? links.find((link) => link?.rel === "next") : undefined;
  if (next === undefined) return undefined;
  if (typeof next.href !== "string") throw new Error(`${request}: the next link has no href`);
  // Only the query is read; the base resolves a relative href, which Trove does not send but could.
  const marker = new URL(next.href, "http://relative.invalid/").searchParams.get("marker");
  if (marker === null || marker === "") throw new Error(`${request}: the next link ${next.href} carries no marker`);
  return marker;
}

function itemsOf(url: string, page: unknown): unknown[] {
  const arrays = Object.entries(page ?? {}).filter(([key, value]) => key !== "links" && Array.isArray(value));
  if (arrays.length !== 1) {
    const keys = arrays.map(([key]) => key).join(", ") || "none";
    throw new Error(`GET ${url}: a page should hold one list of items besides links; it holds ${keys}`);
  }
  return arrays[0]![1] as unknown[];
}
