import { createZcomComputeClient } from "backup-api-specs/zcom-compute";

const compute = createZcomComputeClient({
  baseUrl: process.env.ZCOM_COMPUTE_URL ?? "https://compute.tyo1.cloud.z.com/v2",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

const { error, response } = await compute.DELETE("/{tenant_id}/backup/{backup_id}", {
  params: { path: { tenant_id: "1864e71d2deb46f6b47526b69c65a45d", backup_id: "1df1d401-0e64-4f43-8a96-475b4eb55029" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(response.status); // 204
