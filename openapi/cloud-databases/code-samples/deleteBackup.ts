import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

// Deletes the backup and every incremental backup built on it.
const { error, response } = await db.DELETE("/{accountId}/backups/{backupId}", {
  params: { path: { accountId: "1234", backupId: "c6bbca39-e530-41f3-b073-03144dea04e3" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(response.status); // 202
