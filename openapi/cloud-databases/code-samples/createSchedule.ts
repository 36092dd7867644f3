import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

// A full backup every Sunday at 14:30 UTC and incremental backups on the other days.
const { data, error, response } = await db.POST("/{accountId}/schedules", {
  params: { path: { accountId: "1234" } },
  body: { schedule: { action: "backup", day_of_week: 0, hour: 14, minute: 30, instance_id: "d4603f69-ec7e-4e9b-803f-600b9205576f" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(data.schedule.id, "next run", data.schedule.next_run);
