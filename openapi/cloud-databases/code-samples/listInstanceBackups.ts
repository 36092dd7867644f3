import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

const { data, error, response } = await db.GET("/{accountId}/instances/{instanceId}/backups", {
  params: { path: { accountId: "1234", instanceId: "34d6c8bf-539e-47d1-8a06-2b7590521309" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
for (const backup of data.backups) console.log(backup.id, backup.status, backup.created);
