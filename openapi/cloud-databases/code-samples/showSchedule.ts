import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

const { data, error, response } = await db.GET("/{accountId}/schedules/{scheduleId}", {
  params: { path: { accountId: "1234", scheduleId: "2e351a71-dd28-4bcb-a7d6-d36a5b487173" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(data.schedule.next_run, data.schedule.last_scheduled);
