import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

// Poll a backup: it is done when its status is COMPLETED (or FAILED).
const { data, error, response } = await db.GET("/{accountId}/backups/{backupId}", {
  params: { path: { accountId: "1234", backupId: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(data.backup.status, data.backup.size, data.backup.locationRef);
