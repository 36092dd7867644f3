// Type tests, checked by `tsc --noEmit` in `npm test`: misuse of the generated client must not compile.
// Every `@ts-expect-error` fails the type check if its line ever compiles.
import { expectTypeOf } from "vitest";
import { type Backup, type BackupStatus, createCloudDatabasesClient, type Fault } from "../../src/clients/cloud-databases.js";

const client = createCloudDatabasesClient({ baseUrl: "http://127.0.0.1:4010", authToken: "token" });
const accountId = "1234";

export async function correctUse(): Promise<void> {
  const { data, error } = await client.GET("/{accountId}/backups", { params: { path: { accountId }, query: { datastore: "mysql" } } });
  if (data) {
    expectTypeOf(data.backups).toEqualTypeOf<Backup[]>();
    expectTypeOf(data.backups[0]!.status).toEqualTypeOf<BackupStatus>();
    expectTypeOf(data.backups[0]!.size).toEqualTypeOf<number | null>();
  }
  if (error) {
    expectTypeOf(error).toMatchTypeOf<Fault>();
  }
  const created = await client.POST("/{accountId}/backups", {
    params: { path: { accountId } },
    body: { backup: { name: "ha-backup1", instance: null, source: { type: "ha", id: "130922a2-b9ab-4e95-86be-9c5d79171b5e" } } },
  });
  expectTypeOf(created.data).toEqualTypeOf<{ backup: Backup } | undefined>();
}

export async function wrongPath(): Promise<void> {
  // @ts-expect-error: there is no /{accountId}/backup (singular) path.
  await client.GET("/{accountId}/backup", { params: { path: { accountId } } });
}

export async function missingPathParameter(): Promise<void> {
  // @ts-expect-error: instanceId is a required path parameter.
  await client.GET("/{accountId}/instances/{instanceId}/backups", { params: { path: { accountId } } });
}

export async function wrongMethod(): Promise<void> {
  // @ts-expect-error: the instance backups list has no POST.
  await client.POST("/{accountId}/instances/{instanceId}/backups", { params: { path: { accountId, instanceId: "i" } } });
}

export async function wrongBodyField(): Promise<void> {
  await client.POST("/{accountId}/backups", {
    params: { path: { accountId } },
    // @ts-expect-error: `descripton` is not a create-backup field.
    body: { backup: { name: "b", instance: "i", descripton: "typo" } },
  });
}

export async function missingRequiredBodyField(): Promise<void> {
  await client.POST("/{accountId}/backups", {
    params: { path: { accountId } },
    // @ts-expect-error: `name` is required.
    body: { backup: { instance: "i" } },
  });
}

export async function wrongSourceType(): Promise<void> {
  await client.POST("/{accountId}/backups", {
    params: { path: { accountId } },
    // @ts-expect-error: source.type is "instance" or "ha".
    body: { backup: { name: "b", instance: null, source: { type: "cluster", id: "x" } } },
  });
}

export async function wrongQueryParameter(): Promise<void> {
  // @ts-expect-error: the list takes `datastore`, not `datastore_type`.
  await client.GET("/{accountId}/backups", { params: { path: { accountId }, query: { datastore_type: "mysql" } } });
}

export function missingToken(): void {
  // @ts-expect-error: authToken is required.
  createCloudDatabasesClient({ baseUrl: "http://127.0.0.1:4010" });
}

export async function backupLifecycleOperations(): Promise<void> {
  const shown = await client.GET("/{accountId}/backups/{backupId}", { params: { path: { accountId, backupId: "b" } } });
  expectTypeOf(shown.data).toEqualTypeOf<{ backup: Backup } | undefined>();
  const deleted = await client.DELETE("/{accountId}/backups/{backupId}", { params: { path: { accountId, backupId: "b" } } });
  expectTypeOf(deleted.data).toEqualTypeOf<never | undefined>();
  const page = await client.GET("/{accountId}/backups", {
    params: { path: { accountId }, query: { limit: 20, marker: "20", instance_id: "i" } },
  });
  if (page.data?.links) expectTypeOf(page.data.links[0]!.href).toEqualTypeOf<string>();
  // @ts-expect-error: limit is an integer, not a string.
  await client.GET("/{accountId}/backups", { params: { path: { accountId }, query: { limit: "20" } } });
  // @ts-expect-error: backupId is required to show a backup.
  await client.GET("/{accountId}/backups/{backupId}", { params: { path: { accountId } } });
}

export async function restoreOperation(): Promise<void> {
  const restored = await client.POST("/{accountId}/instances", {
    params: { path: { accountId } },
    body: { instance: { name: "r", flavorRef: 1, volume: { size: 2 }, restorePoint: { backupRef: "b" } } },
  });
  if (restored.data) expectTypeOf(restored.data.instance.status).toEqualTypeOf<string>();
  await client.POST("/{accountId}/instances", {
    params: { path: { accountId } },
    // @ts-expect-error: restorePoint is required for a restore.
    body: { instance: { flavorRef: 1, volume: { size: 2 } } },
  });
}

export async function scheduleOperations(): Promise<void> {
  const path = { accountId, scheduleId: "s" };
  await client.POST("/{accountId}/schedules", {
    params: { path: { accountId } },
    body: { schedule: { action: "backup", day_of_week: 0, hour: 14, minute: 30, instance_id: "i" } },
  });
  await client.POST("/{accountId}/schedules", {
    params: { path: { accountId } },
    // @ts-expect-error: action is "backup", nothing else.
    body: { schedule: { action: "restore", day_of_week: 0, hour: 14, minute: 30, instance_id: "i" } },
  });
  await client.PUT("/{accountId}/schedules/{scheduleId}", {
    params: { path },
    // @ts-expect-error: `runNow` is spelt `run_now`.
    body: { schedule: { runNow: "true" } },
  });
  const listed = await client.GET("/{accountId}/schedules", { params: { path: { accountId } } });
  if (listed.data) expectTypeOf(listed.data.schedules[0]!.hour).toEqualTypeOf<number>();
  await client.DELETE("/{accountId}/schedules/{scheduleId}", { params: { path } });
}

export async function haInstanceOperation(): Promise<void> {
  const ha = await client.GET("/{accountId}/ha/{haId}", { params: { path: { accountId, haId: "h" } } });
  if (ha.data) expectTypeOf(ha.data.ha_instance.state).toExtend<string>();
  // @ts-expect-error: there is no DELETE on the HA instance in this description.
  await client.DELETE("/{accountId}/ha/{haId}", { params: { path: { accountId, haId: "h" } } });
}

export async function copyOperation(): Promise<void> {
  const path = { accountId, backupId: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" };
  const copied = await client.POST("/{accountId}/backups/{backupId}/action", {
    params: { path },
    body: { "copy-backup": { target_backup_region: "IAD", name: "dfw-to-iad", description: "a backup copy" } },
  });
  expectTypeOf(copied.data).toEqualTypeOf<never | undefined>();
  await client.POST("/{accountId}/backups/{backupId}/action", {
    params: { path },
    // @ts-expect-error: LON is not a region backups can be copied to.
    body: { "copy-backup": { target_backup_region: "LON" } },
  });
  await client.POST("/{accountId}/backups/{backupId}/action", {
    params: { path },
    // @ts-expect-error: the destination region is required.
    body: { "copy-backup": { name: "dfw-to-iad" } },
  });
  await client.POST("/{accountId}/backups/{backupId}/action", {
    params: { path },
    // @ts-expect-error: the action is `copy-backup`, with a hyphen.
    body: { copy_backup: { target_backup_region: "IAD" } },
  });
  await client.POST("/{accountId}/backups/{backupId}/action", {
    // @ts-expect-error: backupId is a required path parameter.
    params: { path: { accountId } },
    body: { "copy-backup": { target_backup_region: "IAD" } },
  });
}

export function copyErrorStatus(status: BackupStatus): boolean {
  // A failed copy (release notes v3.11.0) is a status consumers can compare with.
  return status === "COPY_ERROR";
}
