import { createZcomComputeClient } from "backup-api-specs/zcom-compute";

const compute = createZcomComputeClient({
  baseUrl: process.env.ZCOM_COMPUTE_URL ?? "https://compute.tyo1.cloud.z.com/v2",
  authToken: process.env.AUTH_TOKEN ?? "<your X-Auth-Token>",
});

// Keep a backup run beyond the rotation by saving it as an image.
const { error, response } = await compute.POST("/{tenant_id}/backup/{backup_id}/action", {
  params: { path: { tenant_id: "1864e71d2deb46f6b47526b69c65a45d", backup_id: "1df1d401-0e64-4f43-8a96-475b4eb55029" } },
  body: { createImage: { backuprun_id: "9ba40be79b474328a42046d47171ca1d", image_name: "sample_image01" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
console.log(response.status); // 202
