import type { components, operations, paths } from "../../generated/zcom-compute/schema.js";
import { createAuthenticatedClient } from "./create-authenticated-client.js";
import type { ClientOptions } from "./options.js";
import type { StrictClient } from "./strict-client.js";

export type ZcomComputeClient = StrictClient<paths>;
export type { components as ZcomComputeComponents, operations as ZcomComputeOperations, paths as ZcomComputePaths };
export type ZcomBackup = components["schemas"]["Backup"];
export type ZcomBackupRun = components["schemas"]["BackupRun"];
/** Any error body of the API: one fault name (`badRequest`, `itemNotFound`, …), or Keystone's `error` on 401. */
export type ZcomFault = {
  [K in keyof components["responses"]]: components["responses"][K]["content"]["application/json"];
}[keyof components["responses"]];

/**
 * A typed client for the Z.com Compute backup API.
 *
 * The server labels JSON responses `text/html`; openapi-fetch parses every body as JSON, so that works.
 *
 * @example
 * const compute = createZcomComputeClient({ baseUrl: "https://compute.tyo1.cloud.z.com/v2", authToken });
 * const { data } = await compute.GET("/{tenant_id}/backup", { params: { path: { tenant_id } } });
 */
export function createZcomComputeClient(options: ClientOptions): ZcomComputeClient {
  return createAuthenticatedClient<paths>(options);
}
