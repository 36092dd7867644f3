// Type tests, checked by `tsc --noEmit` in `npm test`: misuse of the generated client must not compile.
import { expectTypeOf } from "vitest";
import { createZcomComputeClient, type ZcomBackup } from "../../src/clients/zcom-compute.js";

const client = createZcomComputeClient({ baseUrl: "http://127.0.0.1:4011", authToken: "token" });

export async function correctUse(): Promise<void> {
  const { data } = await client.GET("/{tenant_id}/backup", { params: { path: { tenant_id: "t" } } });
  if (data) {
    expectTypeOf(data.backup).toEqualTypeOf<ZcomBackup[]>();
    const run = data.backup[0]!.backupruns[0]!;
    if (run.type === "volume") expectTypeOf(run.volume_id).toEqualTypeOf<string>();
  }
}

export async function wrongPath(): Promise<void> {
  // @ts-expect-error: the collection is /backup, not /backups.
  await client.GET("/{tenant_id}/backups", { params: { path: { tenant_id: "t" } } });
}

export async function missingPathParameter(): Promise<void> {
  // @ts-expect-error: tenant_id is a required path parameter.
  await client.GET("/{tenant_id}/backup", { params: { path: {} } });
}
