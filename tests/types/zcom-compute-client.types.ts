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

export async function lifecycleOperations(): Promise<void> {
  const tenant_id = "t";
  const enabled = await client.POST("/{tenant_id}/backup", { params: { path: { tenant_id } }, body: { backup: { instance_id: "vm" } } });
  if (enabled.data) expectTypeOf(enabled.data.backup.id).toEqualTypeOf<string>();
  await client.POST("/{tenant_id}/backup", {
    params: { path: { tenant_id } },
    // @ts-expect-error: the VM is named by `instance_id`, not `server_id`.
    body: { backup: { server_id: "vm" } },
  });
  const shown = await client.GET("/{tenant_id}/backup/{backup_id}", { params: { path: { tenant_id, backup_id: "b" } } });
  if (shown.data) expectTypeOf(shown.data.backup).toEqualTypeOf<ZcomBackup[] | ZcomBackup>();
  await client.POST("/{tenant_id}/backup/{backup_id}/action", {
    params: { path: { tenant_id, backup_id: "b" } },
    // @ts-expect-error: image_name is required.
    body: { createImage: { backuprun_id: "9ba40be79b474328a42046d47171ca1d" } },
  });
  const disabled = await client.DELETE("/{tenant_id}/backup/{backup_id}", { params: { path: { tenant_id, backup_id: "b" } } });
  expectTypeOf(disabled.response.status).toEqualTypeOf<number>();
}
