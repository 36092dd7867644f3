import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

// While one of its backups runs, an HA instance is in the BACKUP state.
const { data, error, response } = await db.GET("/{accountId}/ha/{haId}", {
  params: { path: { accountId: "1234", haId: "130922a2-b9ab-4e95-86be-9c5d79171b5e" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(data.ha_instance.name, data.ha_instance.state);
