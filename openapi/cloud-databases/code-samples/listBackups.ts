import { createCloudDatabasesClient } from "backup-api-specs/cloud-databases";

const db = createCloudDatabasesClient({
  baseUrl: process.env.CLOUD_DATABASES_URL ?? "https://dfw.databases.api.rackspacecloud.com/v1.0",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

// All backups of the account whose datastore is MySQL, most recently updated first.
const { data, error, response } = await db.GET("/{accountId}/backups", {
  params: { path: { accountId: "1234" }, query: { datastore: "mysql", limit: 20 } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
for (const backup of data.backups) console.log(backup.id, backup.status, backup.name);
const next = data.links?.find((link) => link.rel === "next");
if (next) console.log("more backups at", next.href);
