import { createZcomComputeClient } from "backup-api-specs/zcom-compute";

const compute = createZcomComputeClient({
  baseUrl: process.env.ZCOM_COMPUTE_URL ?? "https://compute.tyo1.cloud.z.com/v2",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

const { data, error, response } = await compute.POST("/{tenant_id}/backup", {
  params: { path: { tenant_id: "1864e71d2deb46f6b47526b69c65a45d" } },
  body: { backup: { instance_id: "53235-4ioifjw-32423423" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log("backup_id", data.backup.id, "since", data.backup.created_at); // 201
