import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

// A new instance from a COMPLETED backup (incremental backups restore their parents first).
const { data, error, response } = await db.POST("/{accountId}/instances", {
  params: { path: { accountId: "1234" } },
  body: {
    instance: {
      name: "json_restore",
      flavorRef: 1,
      volume: { size: 2 },
      restorePoint: { backupRef: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" },
    },
  },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(data.instance.id, data.instance.status); // BUILD
