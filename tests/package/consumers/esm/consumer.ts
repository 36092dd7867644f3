// An ES-module consumer (its package.json says "type": "module"), compiled with `module: nodenext`.
// tests/package/consumer.test.ts type-checks it against the packed package and runs it against the sandbox.
import { type Backup, createCloudDatabasesClient } from "backup-api-specs/cloud-databases";
import { createZcomComputeClient } from "backup-api-specs/zcom-compute";

// Only what this file uses of Node: the program is type-checked without @types/node, so that checking every
// declaration file (skipLibCheck: false) checks the package's, not Node's thousands of lines.
declare const process: { env: Record<string, string | undefined>; exitCode?: number };

const sandbox = process.env.SANDBOX_URL ?? "http://127.0.0.1:4020";
const authToken = process.env.AUTH_TOKEN ?? "demo-token";
const db = createCloudDatabasesClient({ baseUrl: `${sandbox}/v1.0`, authToken });
const compute = createZcomComputeClient({ baseUrl: `${sandbox}/v2`, authToken });

const listed = await db.GET("/{accountId}/backups", { params: { path: { accountId: "1234" }, query: { datastore: "mysql" } } });
if (listed.error) throw new Error(JSON.stringify(listed.error));
const first: Backup = listed.data.backups[0]!;

const created = await db.POST("/{accountId}/backups", {
  params: { path: { accountId: "1234" } },
  body: { backup: { name: "from-the-esm-package", instance: "d4603f69-ec7e-4e9b-803f-600b9205576f" } },
});
if (created.error) throw new Error(JSON.stringify(created.error));

const zcom = await compute.GET("/{tenant_id}/backup", { params: { path: { tenant_id: "1864e71d2deb46f6b47526b69c65a45d" } } });
if (zcom.error) throw new Error(JSON.stringify(zcom.error));

console.log(
  JSON.stringify({
    listed: listed.data.backups.length,
    firstStatus: first.status,
    created: created.data.backup.status,
    zcomBackups: zcom.data.backup.length,
  }),
);

export async function misuse(): Promise<void> {
  // @ts-expect-error: no such path in the packaged types.
  await db.GET("/{accountId}/backup", { params: { path: { accountId: "1234" } } });
}
