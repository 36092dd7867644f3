// Type tests, checked by `tsc --noEmit` in `npm test`: misuse of the generated client must not compile.
// Every `@ts-expect-error` fails the type check if its line ever compiles.
import { expectTypeOf } from "vitest";
import { type Backup, type BackupStatus, createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";

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
    expectTypeOf(error).toMatchTypeOf<Record<string, { code: number; message: string }>>();
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
