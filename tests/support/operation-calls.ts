// One typed call per operation, through the generated clients. Keyed by the generated `operations`
// type, so adding an operation to a spec without adding its call here is a compile error (and the mock
// tests check the reverse at run time).
import type { FetchResponse } from "openapi-fetch";
import type {
  CloudDatabasesClient,
  CloudDatabasesComponents,
  CloudDatabasesOperations,
  CreateBackupRequest,
} from "../../src/clients/cloud-databases.js";
import type { ZcomComputeClient, ZcomComputeComponents, ZcomComputeOperations } from "../../src/clients/zcom-compute.js";

type CdbSchemas = CloudDatabasesComponents["schemas"];
type ZcomSchemas = ZcomComputeComponents["schemas"];

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
const BACKUP = "d9f56b04-e17d-41f0-ae92-30a3b47b8d29";
const SCHEDULE = "2e351a71-dd28-4bcb-a7d6-d36a5b487173";
const TENANT = "1864e71d2deb46f6b47526b69c65a45d";
const ZCOM_BACKUP = "1df1d401-0e64-4f43-8a96-475b4eb55029";

const DEFAULT_CREATE: CreateBackupRequest = { backup: { name: "nightly", instance: INSTANCE } };
const DEFAULT_RESTORE: CdbSchemas["RestoreBackupRequest"] = {
  instance: { flavorRef: 1, volume: { size: 2 }, restorePoint: { backupRef: BACKUP } },
};
const DEFAULT_SCHEDULE: CdbSchemas["CreateScheduleRequest"] = {
  schedule: { action: "backup", day_of_week: 0, hour: 14, minute: 30, instance_id: INSTANCE },
};
const DEFAULT_SCHEDULE_UPDATE: CdbSchemas["UpdateScheduleRequest"] = { schedule: { hour: 6 } };
const DEFAULT_COPY: CdbSchemas["CopyBackupRequest"] = { "copy-backup": { target_backup_region: "IAD" } };

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
  showBackup: (client, { headers }) =>
    client.GET("/{accountId}/backups/{backupId}", { params: { path: { accountId: ACCOUNT, backupId: BACKUP } }, headers }),
  deleteBackup: (client, { headers }) =>
    client.DELETE("/{accountId}/backups/{backupId}", { params: { path: { accountId: ACCOUNT, backupId: BACKUP } }, headers }),
  restoreBackup: (client, { headers, body }) =>
    client.POST("/{accountId}/instances", {
      params: { path: { accountId: ACCOUNT } },
      body: (body as CdbSchemas["RestoreBackupRequest"] | undefined) ?? DEFAULT_RESTORE,
      headers,
    }),
  createSchedule: (client, { headers, body }) =>
    client.POST("/{accountId}/schedules", {
      params: { path: { accountId: ACCOUNT } },
      body: (body as CdbSchemas["CreateScheduleRequest"] | undefined) ?? DEFAULT_SCHEDULE,
      headers,
    }),
  listSchedules: (client, { headers }) => client.GET("/{accountId}/schedules", { params: { path: { accountId: ACCOUNT } }, headers }),
  showSchedule: (client, { headers }) =>
    client.GET("/{accountId}/schedules/{scheduleId}", { params: { path: { accountId: ACCOUNT, scheduleId: SCHEDULE } }, headers }),
  updateSchedule: (client, { headers, body }) =>
    client.PUT("/{accountId}/schedules/{scheduleId}", {
      params: { path: { accountId: ACCOUNT, scheduleId: SCHEDULE } },
      body: (body as CdbSchemas["UpdateScheduleRequest"] | undefined) ?? DEFAULT_SCHEDULE_UPDATE,
      headers,
    }),
  deleteSchedule: (client, { headers }) =>
    client.DELETE("/{accountId}/schedules/{scheduleId}", { params: { path: { accountId: ACCOUNT, scheduleId: SCHEDULE } }, headers }),
  showHaInstance: (client, { headers }) =>
    client.GET("/{accountId}/ha/{haId}", { params: { path: { accountId: ACCOUNT, haId: HA } }, headers }),
  copyBackup: (client, { headers, body }) =>
    client.POST("/{accountId}/backups/{backupId}/action", {
      params: { path: { accountId: ACCOUNT, backupId: BACKUP } },
      body: (body as CdbSchemas["CopyBackupRequest"] | undefined) ?? DEFAULT_COPY,
      headers,
    }),
};

export const zcomComputeCalls: Record<keyof ZcomComputeOperations, OperationCall<ZcomComputeClient>> = {
  listZcomBackups: (client, { headers }) => client.GET("/{tenant_id}/backup", { params: { path: { tenant_id: TENANT } }, headers }),
  enableZcomBackup: (client, { headers, body }) =>
    client.POST("/{tenant_id}/backup", {
      params: { path: { tenant_id: TENANT } },
      body: (body as ZcomSchemas["EnableBackupRequest"] | undefined) ?? { backup: { instance_id: "53235-4ioifjw-32423423" } },
      headers,
    }),
  showZcomBackup: (client, { headers }) =>
    client.GET("/{tenant_id}/backup/{backup_id}", { params: { path: { tenant_id: TENANT, backup_id: ZCOM_BACKUP } }, headers }),
  disableZcomBackup: (client, { headers }) =>
    client.DELETE("/{tenant_id}/backup/{backup_id}", { params: { path: { tenant_id: TENANT, backup_id: ZCOM_BACKUP } }, headers }),
  createZcomBackupImage: (client, { headers, body }) =>
    client.POST("/{tenant_id}/backup/{backup_id}/action", {
      params: { path: { tenant_id: TENANT, backup_id: ZCOM_BACKUP } },
      body: (body as ZcomSchemas["CreateImageRequest"] | undefined) ?? {
        createImage: { backuprun_id: "9ba40be79b474328a42046d47171ca1d", image_name: "sample_image01" },
      },
      headers,
    }),
};
