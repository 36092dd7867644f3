// Plain JavaScript, no TypeScript: `import` from an ES module.
import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({ baseUrl: `${process.env.SANDBOX_URL}/v1.0`, authToken: process.env.AUTH_TOKEN });
const { data, error } = await db.GET("/{accountId}/backups/{backupId}", {
  params: { path: { accountId: "1234", backupId: "61f12fef-edb1-4561-8122-e7c00ef26a82" } },
});
if (error) throw new Error(JSON.stringify(error));
console.log(JSON.stringify({ name: data.backup.name }));
