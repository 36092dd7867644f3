// One typed call per operation, through the generated clients. Keyed by the generated `operations`
// type, so adding an operation to a spec without adding its call here is a compile error (and the mock
// tests check the reverse at run time).
import type { FetchResponse } from "openapi-fetch";
import type { CloudDatabasesClient, CloudDatabasesOperations, CreateBackupRequest } from "../../src/clients/cloud-databases.js";
import type { ZcomComputeClient, ZcomComputeOperations } from "../../src/clients/zcom-compute.js";

export interface CallInit {
  readonly headers?: Record<string, string>;
  /** A request body to send instead of the operation's default one. */
  readonly body?: unknown;
}
// biome-ignore lint/suspicious/noExplicitAny: the calls return each operation's own FetchResponse type.
type AnyFetchResponse = FetchResponse<any, any, any>;
export type OperationCall<Client> = (client: Client, init: CallInit) => Promise<AnyFetchResponse>;

const ACCOUNT = "1234";
const INSTANCE = "d4603f69-ec7e-4e9b-803f-600b9205576f";
const HA = "130922a2-b9ab-4e95-86be-9c5d79171b5e";
const TENANT = "1864e71d2deb46f6b47526b69c65a45d";

const DEFAULT_CREATE: CreateBackupRequest = { backup: { name: "nightly", instance: INSTANCE } };

export const cloudDatabasesCalls: Record<keyof CloudDatabasesOperations, OperationCall<CloudDatabasesClient>> = {
  listBackups: (client, { headers }) =>
    client.GET("/{accountId}/backups", { params: { path: { accountId: ACCOUNT }, query: { datastore: "mysql" } }, headers }),
  createBackup: (client, { headers, body }) =>
    client.POST("/{accountId}/backups", {
      params: { path: { accountId: ACCOUNT } },
      body: (body as CreateBackupRequest | undefined) ?? DEFAULT_CREATE,
      headers,
    }),
  listInstanceBackups: (client, { headers }) =>
    client.GET("/{accountId}/instances/{instanceId}/backups", { params: { path: { accountId: ACCOUNT, instanceId: INSTANCE } }, headers }),
  listHaInstanceBackups: (client, { headers }) =>
    client.GET("/{accountId}/ha/{haId}/backups", { params: { path: { accountId: ACCOUNT, haId: HA } }, headers }),
};

export const zcomComputeCalls: Record<keyof ZcomComputeOperations, OperationCall<ZcomComputeClient>> = {
  listZcomBackups: (client, { headers }) => client.GET("/{tenant_id}/backup", { params: { path: { tenant_id: TENANT } }, headers }),
};
