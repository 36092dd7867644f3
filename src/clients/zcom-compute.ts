import type { components, operations, paths } from "../../generated/zcom-compute/schema.js";
import { type BindPathParameter, bindPathParameter } from "./bound-path-parameter.js";
import { createAuthenticatedClient } from "./create-authenticated-client.js";
import type { ClientOptions } from "./options.js";
import { type StrictClient, strict } from "./strict-client.js";

export { ApiError } from "./api-error.js";
export { ZCOM_COMPUTE_BASE_URL } from "./endpoints.js";
export type { ClientOptions } from "./options.js";
export type { StrictClient, StrictMethod } from "./strict-client.js";
export { parseTimestamp } from "./timestamp.js";
export type { components as ZcomComputeComponents, operations as ZcomComputeOperations, paths as ZcomComputePaths };

type Schemas = components["schemas"];
export type ZcomBackup = Schemas["Backup"];
export type ZcomBackupDetail = Schemas["BackupDetail"];
export type ZcomBackupList = Schemas["BackupList"];
export type ZcomBackupRun = Schemas["BackupRun"];
export type ZcomBackupSubscription = Schemas["BackupSubscription"];
export type ZcomCreateImageRequest = Schemas["CreateImageRequest"];
export type ZcomEnableBackupRequest = Schemas["EnableBackupRequest"];
/** Any error body of the API: one fault name (`badRequest`, `itemNotFound`, …), or Keystone's `error` on 401. */
export type ZcomFault = {
  [K in keyof components["responses"]]: components["responses"][K]["content"]["application/json"];
}[keyof components["responses"]];

/** A client of every tenant: each call names its `tenant_id`. */
export type ZcomComputeClient = StrictClient<paths>;
/** The paths with `tenant_id` optional: a client bound to one tenant fills it in. */
export type ZcomComputeTenantPaths = BindPathParameter<paths, "tenant_id">;
/** A client bound to one tenant (`tenantId` given at creation): calls may leave `tenant_id` out, or give another. */
export type ZcomComputeTenantClient = StrictClient<ZcomComputeTenantPaths>;

export type ZcomComputeClientOptions = ClientOptions & {
  /** The tenant every call is made on unless it names another: `{tenant_id}` may then be left out. */
  readonly tenantId?: string;
};

/**
 * A typed client for the Z.com Compute backup API.
 *
 * The server labels JSON responses `text/html`; openapi-fetch parses every body as JSON, so that works.
 *
 * @example
 * const compute = createZcomComputeClient({ baseUrl: ZCOM_COMPUTE_BASE_URL, authToken, tenantId });
 * const { data } = await compute.GET("/{tenant_id}/backup");
 */
export function createZcomComputeClient(options: ZcomComputeClientOptions & { readonly tenantId: string }): ZcomComputeTenantClient;
export function createZcomComputeClient(options: ZcomComputeClientOptions): ZcomComputeClient;
// The implementation returns `object`: the overloads above give the types, and checking the returns against a
// union of the two client types would have the type checker compare them structurally, seconds per build.
export function createZcomComputeClient(options: ZcomComputeClientOptions): object {
  const client = strict<paths>(createAuthenticatedClient<paths>(options));
  if (options.tenantId === undefined) return client;
  return bindPathParameter<paths, "tenant_id">(client, "tenant_id", options.tenantId);
}
