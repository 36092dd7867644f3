// Type tests of what the clients add to openapi-fetch: a bound account or tenant, the regional base URL,
// the pager, timestamps and the exported types. Checked by `npm run typecheck`; every `@ts-expect-error`
// fails the check if its line ever compiles.
import { expectTypeOf } from "vitest";
import {
  ApiError,
  type Backup,
  type BackupList,
  type ClientOptions,
  type CloudDatabasesAccountClient,
  type CloudDatabasesClient,
  type CloudDatabasesRegion,
  cloudDatabasesBaseUrl,
  createCloudDatabasesClient,
  parseTimestamp,
  type Timestamp,
} from "../../src/clients/cloud-databases.js";
import {
  createZcomComputeClient,
  type ZcomBackup,
  type ZcomComputeClient,
  type ZcomComputeTenantClient,
} from "../../src/clients/zcom-compute.js";

const authToken = "token";
const baseUrl = "http://127.0.0.1:4010";
const db = createCloudDatabasesClient({ baseUrl, authToken });
const account = createCloudDatabasesClient({ region: "lon", authToken, accountId: "1234" });

export function factories(): void {
  expectTypeOf(db).toEqualTypeOf<CloudDatabasesClient>();
  expectTypeOf(account).toEqualTypeOf<CloudDatabasesAccountClient>();
  // The options the factories took before stay valid, also as a declared ClientOptions.
  const options: ClientOptions = { baseUrl, authToken, headers: { "X-Request-Id": "a" } };
  expectTypeOf(createCloudDatabasesClient(options)).toEqualTypeOf<CloudDatabasesClient>();
  expectTypeOf(createZcomComputeClient(options)).toEqualTypeOf<ZcomComputeClient>();
  expectTypeOf(createZcomComputeClient({ ...options, tenantId: "t" })).toEqualTypeOf<ZcomComputeTenantClient>();
}

export function endpoints(): void {
  expectTypeOf(cloudDatabasesBaseUrl("syd")).toEqualTypeOf<string>();
  expectTypeOf<"dfw">().toExtend<CloudDatabasesRegion>();
  // @ts-expect-error: "tyo1" is not a Cloud Databases region.
  cloudDatabasesBaseUrl("tyo1");
  // @ts-expect-error: "mars" is not one of the spec's regions.
  createCloudDatabasesClient({ region: "mars", authToken });
  // @ts-expect-error: a base URL or a region, not both.
  createCloudDatabasesClient({ baseUrl, region: "dfw", authToken });
  // @ts-expect-error: neither a base URL nor a region.
  createCloudDatabasesClient({ authToken });
  // @ts-expect-error: `regoin` is misspelt.
  createCloudDatabasesClient({ regoin: "dfw", authToken });
}

export async function boundAccount(): Promise<void> {
  // The bound account fills in {accountId}: no params at all where it was the only required one.
  const listed = await account.GET("/{accountId}/backups");
  expectTypeOf(listed.data).toEqualTypeOf<BackupList | undefined>();
  await account.GET("/{accountId}/backups", { params: { query: { datastore: "mysql" } } });
  const shown = await account.GET("/{accountId}/backups/{backupId}", { params: { path: { backupId: "b" } } });
  expectTypeOf(shown.data).toEqualTypeOf<{ backup: Backup } | undefined>();
  // Naming another account still works.
  await account.GET("/{accountId}/backups/{backupId}", { params: { path: { accountId: "5678", backupId: "b" } } });
  await account.POST("/{accountId}/backups", { body: { backup: { name: "b", instance: "i" } } });
  // @ts-expect-error: backupId is still required.
  await account.GET("/{accountId}/backups/{backupId}", { params: { path: {} } });
  // @ts-expect-error: and so is params, which holds it.
  await account.GET("/{accountId}/backups/{backupId}");
  // @ts-expect-error: `backupID` is not a path parameter.
  await account.GET("/{accountId}/backups/{backupId}", { params: { path: { backupID: "b" } } });
  // @ts-expect-error: the body is still checked field by field.
  await account.POST("/{accountId}/backups", { body: { backup: { name: "b", instance: "i", descripton: "typo" } } });
  // @ts-expect-error: without a bound account, accountId is required.
  await db.GET("/{accountId}/backups");
}

export async function boundTenant(): Promise<void> {
  const compute = createZcomComputeClient({ baseUrl, authToken, tenantId: "t" });
  const listed = await compute.GET("/{tenant_id}/backup");
  expectTypeOf(listed.data).toEqualTypeOf<{ backup: ZcomBackup[] } | undefined>();
  await compute.DELETE("/{tenant_id}/backup/{backup_id}", { params: { path: { backup_id: "b" } } });
  // @ts-expect-error: backup_id is still required.
  await compute.DELETE("/{tenant_id}/backup/{backup_id}", { params: { path: {} } });
  const unbound = createZcomComputeClient({ baseUrl, authToken });
  // @ts-expect-error: without a bound tenant, tenant_id is required.
  await unbound.GET("/{tenant_id}/backup");
}

export async function pager(): Promise<void> {
  for await (const backup of db.paginate("/{accountId}/backups", {
    params: { path: { accountId: "1234" }, query: { datastore: "mysql" } },
  })) {
    expectTypeOf(backup).toEqualTypeOf<Backup>();
  }
  for await (const page of account.pages("/{accountId}/instances/{instanceId}/backups", { params: { path: { instanceId: "i" } } })) {
    expectTypeOf(page).toEqualTypeOf<BackupList>();
  }
  for await (const backup of account.paginate("/{accountId}/ha/{haId}/backups", { params: { path: { haId: "h" }, query: { limit: 5 } } })) {
    expectTypeOf(backup).toEqualTypeOf<Backup>();
  }
  account.paginate("/{accountId}/backups");
  // @ts-expect-error: schedules are not paged.
  account.paginate("/{accountId}/schedules", {});
  // @ts-expect-error: the pager takes the list's own query parameters only.
  account.paginate("/{accountId}/backups", { params: { query: { datastore_type: "mysql" } } });
  // @ts-expect-error: the pager reads JSON pages.
  account.paginate("/{accountId}/backups", { parseAs: "text" });
  // @ts-expect-error: without a bound account, the pager needs accountId too.
  db.paginate("/{accountId}/backups");
  const compute = createZcomComputeClient({ baseUrl, authToken });
  // @ts-expect-error: the Z.com list is not paged, so its client has no pager.
  compute.paginate("/{tenant_id}/backup");
}

export function timestamps(backup: Backup, error: unknown): void {
  expectTypeOf(backup.created).toEqualTypeOf<Timestamp>();
  expectTypeOf(parseTimestamp(backup.created)).toEqualTypeOf<Date>();
  if (error instanceof ApiError) {
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expectTypeOf(error.response).toEqualTypeOf<Response>();
  }
}
