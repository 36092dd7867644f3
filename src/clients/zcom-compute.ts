import type { components, operations, paths } from "../../generated/zcom-compute/schema.js";
import { createAuthenticatedClient } from "./create-authenticated-client.js";
import type { ClientOptions } from "./options.js";
import { type StrictClient, strict } from "./strict-client.js";

export type ZcomComputeClient = StrictClient<paths>;
export type { components as ZcomComputeComponents, operations as ZcomComputeOperations, paths as ZcomComputePaths };
export type ZcomBackup = components["schemas"]["Backup"];
export type ZcomBackupRun = components["schemas"]["BackupRun"];

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
  return strict(createAuthenticatedClient<paths>(options));
}
