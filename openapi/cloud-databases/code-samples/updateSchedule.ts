import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

// Move the full backup to Tuesday 06:19 UTC and take a backup now.
const { error, response } = await db.PUT("/{accountId}/schedules/{scheduleId}", {
  params: { path: { accountId: "1234", scheduleId: "2e351a71-dd28-4bcb-a7d6-d36a5b487173" } },
  body: { schedule: { day_of_week: 2, hour: 6, minute: 19, run_now: "true" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(response.status); // 202 (the page's table says 200: accept both)
