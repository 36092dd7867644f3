import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

// Copies a completed backup of this region (DFW) to IAD; the copy appears as a backup there.
const { error, response } = await db.POST("/{accountId}/backups/{backupId}/action", {
  params: { path: { accountId: "1234", backupId: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" } },
  body: { "copy-backup": { target_backup_region: "IAD", name: "dfw-to-iad", description: "a backup copy" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(response.status); // 202
