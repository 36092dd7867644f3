import { createZcomComputeClient } from "backup-api-specs/zcom-compute";

const compute = createZcomComputeClient({
  baseUrl: process.env.ZCOM_COMPUTE_URL ?? "https://compute.tyo1.cloud.z.com/v2",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

const { data, error, response } = await compute.GET("/{tenant_id}/backup/{backup_id}", {
  params: { path: { tenant_id: "1864e71d2deb46f6b47526b69c65a45d", backup_id: "1df1d401-0e64-4f43-8a96-475b4eb55029" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
// The page shows a one-element array; client libraries read an object: handle both.
const backup = Array.isArray(data.backup) ? data.backup[0] : data.backup;
for (const run of backup?.backupruns ?? []) console.log(run.backuprun_id, run.type, run.status, run.created_at);
