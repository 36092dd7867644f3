// The package as a consumer gets it: `npm pack`, install the tarball into an empty project, type-check
// a consumer file against the packaged .d.ts, and run it against the sandbox.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const TSC = require.resolve("typescript/bin/tsc");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

const CONSUMER = `import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Backup, createCloudDatabasesClient } from "backup-api-specs/cloud-databases";
import { createZcomComputeClient } from "backup-api-specs/zcom-compute";

const authToken = process.env.AUTH_TOKEN ?? "";
const db = createCloudDatabasesClient({ baseUrl: \`\${process.env.SANDBOX_URL}/v1.0\`, authToken });
const compute = createZcomComputeClient({ baseUrl: \`\${process.env.SANDBOX_URL}/v2\`, authToken });

const listed = await db.GET("/{accountId}/backups", { params: { path: { accountId: "1234" }, query: { datastore: "mysql" } } });
if (listed.error) throw new Error(JSON.stringify(listed.error));
const first: Backup = listed.data.backups[0]!;

const created = await db.POST("/{accountId}/backups", {
  params: { path: { accountId: "1234" } },
  body: { backup: { name: "from-the-package", instance: "d4603f69-ec7e-4e9b-803f-600b9205576f" } },
});
if (created.error) throw new Error(JSON.stringify(created.error));

const zcom = await compute.GET("/{tenant_id}/backup", { params: { path: { tenant_id: "1864e71d2deb46f6b47526b69c65a45d" } } });
if (zcom.error) throw new Error(JSON.stringify(zcom.error));

// The bundled specs ship as files of the package.
const spec = readFileSync(fileURLToPath(import.meta.resolve("backup-api-specs/cloud-databases/openapi.yaml")), "utf8");

console.log(JSON.stringify({
  listed: listed.data.backups.length,
  firstStatus: first.status,
  created: created.data.backup.status,
  zcomBackups: zcom.data.backup.length,
  specIsOpenApi31: spec.includes("openapi: 3.1.0"),
}));

export async function misuse(): Promise<void> {
  // @ts-expect-error: no such path in the packaged types.
  await db.GET("/{accountId}/backup", { params: { path: { accountId: "1234" } } });
}
`;

let work = "";
let sandbox: Sandbox;
let url = "";

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "package-consumer-"));
  sandbox = createSandbox({ clock: new ManualClock(), config: { validateResponses: true } });
  url = await sandbox.listen(0, "127.0.0.1");
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the packed package, installed into a consumer project", () => {
  it("type-checks a consumer against its .d.ts and runs it against the sandbox", async () => {
    await run(NPM, ["pack", "--pack-destination", work, "--silent"], { cwd: resolve("."), maxBuffer: 16 * 1024 * 1024 });
    const tarball = (await readdir(work)).find((file) => file.endsWith(".tgz"));
    expect(tarball, "npm pack made no tarball").toBeDefined();

    const consumer = join(work, "consumer");
    await run("mkdir", ["-p", consumer]);
    await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await run(NPM, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", join(work, tarball!)], { cwd: consumer });
    await writeFile(join(consumer, "consumer.ts"), CONSUMER);
    await writeFile(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noUncheckedIndexedAccess: true,
          lib: ["ES2023", "DOM", "DOM.Iterable"],
          types: ["node"],
          typeRoots: [resolve("node_modules/@types")],
          outDir: "out",
          skipLibCheck: false,
        },
        files: ["consumer.ts"],
      }),
    );
    await run(process.execPath, [TSC, "-p", consumer]);

    const { stdout } = await run(process.execPath, [join(consumer, "out", "consumer.js")], {
      cwd: consumer,
      env: { ...process.env, SANDBOX_URL: url, AUTH_TOKEN: DEMO_TOKEN },
    });
    expect(JSON.parse(stdout)).toEqual({ listed: 8, firstStatus: "COMPLETED", created: "NEW", zcomBackups: 4, specIsOpenApi31: true });
    expect(sandbox.violations).toEqual([]);
  }, 120_000);
});
