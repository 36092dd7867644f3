import type { components, operations, paths } from "../../generated/cloud-databases/schema.js";
import { type BindPathParameter, bindPathParameter } from "./bound-path-parameter.js";
import { createAuthenticatedClient } from "./create-authenticated-client.js";
import { type CloudDatabasesRegion, cloudDatabasesBaseUrl } from "./endpoints.js";
import type { ClientOptions } from "./options.js";
import { type Pager, pagerOf } from "./pager.js";
import { type StrictClient, strict } from "./strict-client.js";

export { ApiError } from "./api-error.js";
export { CLOUD_DATABASES_REGIONS, type CloudDatabasesRegion, cloudDatabasesBaseUrl } from "./endpoints.js";
export type { ClientOptions } from "./options.js";
export type { Page, PagedPath, PageInit, PageItem, Pager } from "./pager.js";
export type { StrictClient, StrictMethod } from "./strict-client.js";
export { parseTimestamp } from "./timestamp.js";
export type { components as CloudDatabasesComponents, operations as CloudDatabasesOperations, paths as CloudDatabasesPaths };

type Schemas = components["schemas"];
export type Backup = Schemas["Backup"];
export type BackupList = Schemas["BackupList"];
export type BackupStatus = Schemas["BackupStatus"];
export type CreateBackupRequest = Schemas["CreateBackupRequest"];
export type Datastore = Schemas["Datastore"];
/** Any error body of the API: one fault name (`badRequest`, `itemNotFound`, …) or the HTTP layer's `WsgiFault`. */
export type Fault = {
  [K in keyof components["responses"]]: components["responses"][K]["content"]["application/json"];
}[keyof components["responses"]];
export type HaInstance = Schemas["HaInstance"];
export type Instance = Schemas["Instance"];
export type Link = Schemas["Link"];
export type RestoreBackupRequest = Schemas["RestoreBackupRequest"];
export type Schedule = Schemas["Schedule"];
export type CreateScheduleRequest = Schemas["CreateScheduleRequest"];
export type UpdateScheduleRequest = Schemas["UpdateScheduleRequest"];
/** A timestamp as the API sends it, with or without a trailing `Z` (both UTC): read it with {@link parseTimestamp}. */
export type Timestamp = Schemas["Timestamp"];

/** A client of every account: each call names its `accountId`. */
export type CloudDatabasesClient = StrictClient<paths> & Pager<paths>;
/** The paths with `accountId` optional: a client bound to one account fills it in. */
export type CloudDatabasesAccountPaths = BindPathParameter<paths, "accountId">;
/** A client bound to one account (`accountId` given at creation): calls may leave `accountId` out, or give another. */
export type CloudDatabasesAccountClient = StrictClient<CloudDatabasesAccountPaths> & Pager<CloudDatabasesAccountPaths>;

/** Where the API is: a base URL (a mock, a proxy, the sandbox) or one of the spec's regions. */
type Endpoint = { readonly baseUrl: string; readonly region?: never } | { readonly region: CloudDatabasesRegion; readonly baseUrl?: never };

export type CloudDatabasesClientOptions = Omit<ClientOptions, "baseUrl"> &
  Endpoint & {
    /** The account every call is made on unless it names another: `{accountId}` may then be left out. */
    readonly accountId?: string;
  };

/**
 * A typed client for the Rackspace Cloud Databases backups API: paths, parameters, bodies and responses
 * are checked against the spec at compile time. It is openapi-fetch's client with stricter signatures,
 * plus `pages` and `paginate`, which follow the lists' `next` links.
 *
 * @example
 * const db = createCloudDatabasesClient({ region: "dfw", authToken, accountId: "1234" });
 * for await (const backup of db.paginate("/{accountId}/backups")) console.log(backup.id, parseTimestamp(backup.created));
 * const { data, error } = await db.GET("/{accountId}/backups/{backupId}", { params: { path: { backupId } } });
 */
export function createCloudDatabasesClient(
  options: CloudDatabasesClientOptions & { readonly accountId: string },
): CloudDatabasesAccountClient;
export function createCloudDatabasesClient(options: CloudDatabasesClientOptions): CloudDatabasesClient;
// The implementation returns `object`: the overloads above give the types, and checking the returns against a
// union of the two client types would have the type checker compare them structurally, seconds per build.
export function createCloudDatabasesClient(options: CloudDatabasesClientOptions): object {
  const client = strict<paths>(createAuthenticatedClient<paths>({ ...options, baseUrl: baseUrlOf(options) }));
  if (options.accountId === undefined) return Object.assign(client, pagerOf<paths>(client));
  const bound = bindPathParameter<paths, "accountId">(client, "accountId", options.accountId);
  return Object.assign(bound, pagerOf<CloudDatabasesAccountPaths>(bound));
}

function baseUrlOf(options: CloudDatabasesClientOptions): string {
  // Both or neither do not compile; JavaScript callers get this.
  if ((options.baseUrl === undefined) === (options.region === undefined)) throw new TypeError("Give either baseUrl or region");
  return options.region === undefined ? options.baseUrl! : cloudDatabasesBaseUrl(options.region);
}
