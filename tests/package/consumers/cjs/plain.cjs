// Plain JavaScript, no TypeScript: `require` from a CommonJS module.
const { readFileSync } = require("node:fs");
const { createCloudDatabasesClient } = require("backup-api-specs/cloud-databases");

const db = createCloudDatabasesClient({ baseUrl: `${process.env.SANDBOX_URL}/v1.0`, authToken: process.env.AUTH_TOKEN });
db.GET("/{accountId}/backups/{backupId}", {
  params: { path: { accountId: "1234", backupId: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" } },
}).then(({ data, error }) => {
  if (error) throw new Error(JSON.stringify(error));
  // The bundled specs ship as files of the package.
  const spec = readFileSync(require.resolve("backup-api-specs/cloud-databases/openapi.yaml"), "utf8");
  console.log(JSON.stringify({ name: data.backup.name, specIsOpenApi31: spec.includes("openapi: 3.1.0") }));
});
