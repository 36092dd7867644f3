// Plain JavaScript, no TypeScript: `import` from an ES module.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({ baseUrl: `${process.env.SANDBOX_URL}/v1.0`, authToken: process.env.AUTH_TOKEN });
const { data, error } = await db.GET("/{accountId}/backups/{backupId}", {
  params: { path: { accountId: "1234", backupId: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" } },
});
if (error) throw new Error(JSON.stringify(error));
// The bundled specs ship as files of the package.
const spec = readFileSync(fileURLToPath(import.meta.resolve("backup-api-specs/zcom-compute/openapi.yaml")), "utf8");
console.log(JSON.stringify({ name: data.backup.name, specIsOpenApi31: spec.includes("openapi: 3.1.0") }));
