import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

const { data, error, response } = await db.GET("/{accountId}/schedules", {
  params: { path: { accountId: "1234" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
for (const schedule of data.schedules) console.log(schedule.id, schedule.instance_id, schedule.next_run);
