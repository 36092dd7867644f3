// An ES-module consumer (its package.json says "type": "module"), compiled with `module: nodenext`.
// tests/package/consumer.test.ts type-checks it against the packed package and runs it against the sandbox;
// cjs/consumer.ts does the same from CommonJS and must print the same.
import {
  ApiError,
  type Backup,
  type ClientOptions,
  cloudDatabasesBaseUrl,
  createCloudDatabasesClient,
  parseTimestamp,
} from "backup-api-specs/cloud-databases";
import { createZcomComputeClient } from "backup-api-specs/zcom-compute";

// Only what this file uses of Node: the program is type-checked without @types/node, which is large.
declare const process: { env: Record<string, string | undefined>; exitCode?: number };

const sandbox = process.env.SANDBOX_URL ?? "http://127.0.0.1:4020";
const options: ClientOptions = { baseUrl: `${sandbox}/v1.0`, authToken: process.env.AUTH_TOKEN ?? "demo-token" };
const db = createCloudDatabasesClient(options);
const account = createCloudDatabasesClient({ ...options, accountId: "1234" });
const compute = createZcomComputeClient({ ...options, baseUrl: `${sandbox}/v2`, tenantId: "1864e71d2deb46f6b47526b69c65a45d" });

// The call signature every code sample uses.
const listed = await db.GET("/{accountId}/backups", { params: { path: { accountId: "1234" }, query: { datastore: "mysql" } } });
if (listed.error) throw new Error(JSON.stringify(listed.error));
const first: Backup = listed.data.backups[0]!;
const bare = listed.data.backups.find((backup) => !backup.created.endsWith("Z"));

// The pager, two backups a page, on the bound account.
let pages = 0;
const paged: string[] = [];
for await (const page of account.pages("/{accountId}/backups", { params: { query: { datastore: "mysql", limit: 2 } } })) {
  pages += 1;
  paged.push(...page.backups.map((backup) => backup.id));
}

const created = await account.POST("/{accountId}/backups", {
  body: { backup: { name: "from-the-esm-package", instance: "d4603f69-ec7e-4e9b-803f-600b9205576f" } },
});
if (created.error) throw new Error(JSON.stringify(created.error));

const asText = await account.GET("/{accountId}/backups/{backupId}", { params: { path: { backupId: first.id } }, parseAs: "text" });
const text: string | undefined = asText.data;

// A per-call token wins over the client's: the other demo token does not own account 1234.
const otherToken = await account.GET("/{accountId}/backups", { headers: { "X-Auth-Token": "other-demo-token" } });

let missingInstance = 0;
try {
  for await (const _ of account.paginate("/{accountId}/instances/{instanceId}/backups", {
    params: { path: { instanceId: "no-such-instance" } },
  }));
} catch (error) {
  if (error instanceof ApiError) missingInstance = error.status;
}

const zcom = await compute.GET("/{tenant_id}/backup");
if (zcom.error) throw new Error(JSON.stringify(zcom.error));

console.log(
  JSON.stringify({
    listed: listed.data.backups.length,
    firstStatus: first.status,
    pages,
    paged,
    listedIds: listed.data.backups.map((backup) => backup.id),
    // One of the documented timestamps without a trailing Z, which the spec says is UTC.
    bareCreated: bare?.created,
    bareCreatedParsed: bare && parseTimestamp(bare.created).toISOString(),
    created: created.data.backup.status,
    textIsTheBackup: typeof text === "string" && JSON.parse(text).backup.id === first.id,
    otherTokenStatus: otherToken.response.status,
    missingInstance,
    zcomBackups: zcom.data.backup.length,
    london: cloudDatabasesBaseUrl("lon"),
  }),
);

export async function misuse(): Promise<void> {
  // @ts-expect-error: no such path in the packaged types.
  await db.GET("/{accountId}/backup", { params: { path: { accountId: "1234" } } });
  // @ts-expect-error: without a bound account, accountId is required.
  await db.GET("/{accountId}/backups");
  // @ts-expect-error: the schedules list is not paged.
  account.paginate("/{accountId}/schedules", {});
}
