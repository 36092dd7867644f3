import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

// A full backup of one instance; add `parent_id` for an incremental one.
const { data, error, response } = await db.POST("/{accountId}/backups", {
  params: { path: { accountId: "1234" } },
  body: { backup: { name: "nightly", instance: "d4603f69-ec7e-4e9b-803f-600b9205576f", description: "Nightly backup" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(data.backup.id, data.backup.status); // NEW: poll showBackup until COMPLETED
