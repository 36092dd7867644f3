import type { components, operations, paths } from "../../generated/cloud-databases/schema.js";
import { createAuthenticatedClient } from "./create-authenticated-client.js";
import type { ClientOptions } from "./options.js";
import { type StrictClient, strict } from "./strict-client.js";

export type CloudDatabasesClient = StrictClient<paths>;
export type { components as CloudDatabasesComponents, operations as CloudDatabasesOperations, paths as CloudDatabasesPaths };
export type Backup = components["schemas"]["Backup"];
export type BackupStatus = components["schemas"]["BackupStatus"];
export type CreateBackupRequest = components["schemas"]["CreateBackupRequest"];
export type Fault = components["schemas"]["Fault"];

/**
 * A typed client for the Rackspace Cloud Databases backups API: paths, parameters, bodies and responses
 * are checked against the spec at compile time.
 *
 * @example
 * const db = createCloudDatabasesClient({ baseUrl: "https://dfw.databases.api.rackspacecloud.com/v1.0", authToken });
 * const { data, error } = await db.GET("/{accountId}/backups", { params: { path: { accountId: "1234" } } });
 */
export function createCloudDatabasesClient(options: ClientOptions): CloudDatabasesClient {
  return strict(createAuthenticatedClient<paths>(options));
}
