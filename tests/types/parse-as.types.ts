// Type tests of `parseAs`: the strict client types `data` as openapi-fetch does, by what the call asks
// the body to be parsed as (JSON unless it says otherwise). Checked by `npm run typecheck`.
import { expectTypeOf } from "vitest";
import { type Backup, createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { createZcomComputeClient, type ZcomBackup } from "../../src/clients/zcom-compute.js";

const db = createCloudDatabasesClient({ baseUrl: "http://127.0.0.1:4010", authToken: "token" });
const compute = createZcomComputeClient({ baseUrl: "http://127.0.0.1:4011", authToken: "token" });
const params = { path: { accountId: "1234", backupId: "b" } };

export async function parsedAs(): Promise<void> {
  expectTypeOf((await db.GET("/{accountId}/backups/{backupId}", { params })).data).toEqualTypeOf<{ backup: Backup } | undefined>();
  expectTypeOf((await db.GET("/{accountId}/backups/{backupId}", { params, parseAs: "json" })).data).toEqualTypeOf<
    { backup: Backup } | undefined
  >();
  expectTypeOf((await db.GET("/{accountId}/backups/{backupId}", { params, parseAs: "text" })).data).toEqualTypeOf<string | undefined>();
  expectTypeOf((await db.GET("/{accountId}/backups/{backupId}", { params, parseAs: "blob" })).data).toEqualTypeOf<Blob | undefined>();
  expectTypeOf((await db.GET("/{accountId}/backups/{backupId}", { params, parseAs: "arrayBuffer" })).data).toEqualTypeOf<
    ArrayBuffer | undefined
  >();
  expectTypeOf((await db.GET("/{accountId}/backups/{backupId}", { params, parseAs: "stream" })).data).toEqualTypeOf<
    Response["body"] | undefined
  >();
  const zcom = await compute.GET("/{tenant_id}/backup", { params: { path: { tenant_id: "t" } }, parseAs: "text" });
  expectTypeOf(zcom.data).toEqualTypeOf<string | undefined>();
  const json = await compute.GET("/{tenant_id}/backup", { params: { path: { tenant_id: "t" } } });
  expectTypeOf(json.data).toEqualTypeOf<{ backup: ZcomBackup[] } | undefined>();
}

export async function parseAsKeepsTheStrictChecks(): Promise<void> {
  // @ts-expect-error: "xml" is not a way openapi-fetch parses a body.
  await db.GET("/{accountId}/backups/{backupId}", { params, parseAs: "xml" });
  await db.POST("/{accountId}/backups", {
    params: { path: { accountId: "1234" } },
    parseAs: "text",
    // @ts-expect-error: `descripton` is still a misspelt body field when the response is read as text.
    body: { backup: { name: "b", instance: "i", descripton: "typo" } },
  });
}
