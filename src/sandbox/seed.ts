// The sandbox starts with the data of the documented examples: every backup, schedule, HA instance and
// Z.com backup that a GET example of the bundled specs shows exists, in the pages' account (1234) and
// tenant (1864e71d…). Read from the spec, so a new example is new data.
import { apiById } from "../apis.js";
import { loadBundle } from "../spec/load-bundle.js";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import { listMediaExamples, type MediaExample } from "../spec/operations.js";
import type { BackupRecord, Datastore } from "./cloud-databases/model.js";
import type { CloudDatabasesStore } from "./cloud-databases/store.js";
import { parseUtc } from "./cloud-databases/store.js";
import { frozenJson } from "./http/json-body.js";
import type { BackupRun, ZcomComputeStore } from "./zcom-compute/store.js";

export const SEED_ACCOUNT = "1234";
export const SEED_TENANT = "1864e71d2deb46f6b47526b69c65a45d";

/** The mysql 5.6 datastore of the pages' HA examples, for instances the examples name without one. */
const MYSQL_56: Datastore = { type: "mysql", version: "5.6", version_id: "1379cc8b-4bc5-4c4a-9e9d-7a9ad27c0866" };

type Json = Record<string, unknown>;

/**
 * The examples of each bundle, listed once: every reset seeds again, and following each example's `$ref`
 * anew was most of a reset's time (the property tests reset hundreds of times). A sandbox never edits its specs.
 */
const examplesOf = new WeakMap<OpenApiDocument, readonly MediaExample[]>();

/** The values of the success-response examples (or the request examples) of these operations. */
function getExamples(spec: OpenApiDocument, operationIds: readonly string[], kind: "request" | "response" = "response"): unknown[] {
  let examples = examplesOf.get(spec);
  if (!examples) {
    examples = listMediaExamples(spec);
    examplesOf.set(spec, examples);
  }
  return examples
    .filter((example) => example.kind === kind && (kind === "request" || example.status?.startsWith("2")))
    .filter((example) => operationIds.includes(example.operation.operationId))
    .map((example) => example.example.value);
}

export function seedCloudDatabases(store: CloudDatabasesStore, spec: OpenApiDocument = loadBundle(apiById("cloud-databases"))): void {
  const documented: Json[] = [];
  for (const value of getExamples(spec, ["listHaInstanceBackups", "listBackups", "listInstanceBackups", "showBackup"])) {
    const body = value as { backups?: Json[]; backup?: Json };
    documented.push(...(body.backups ?? (body.backup ? [body.backup] : [])));
  }
  for (const backup of documented) {
    const id = String(backup.id);
    if (store.backups.has(id)) continue;
    const source = (backup.source as BackupRecord["source"] | undefined) ?? { type: "instance" as const, id: String(backup.instance_id) };
    const datastore = backup.datastore as Datastore | undefined;
    store.backups.set(id, {
      id,
      account: SEED_ACCOUNT,
      name: String(backup.name),
      description: (backup.description as string | null) ?? null,
      source,
      parentId: (backup.parent_id as string | null) ?? null,
      datastore,
      flavorRam: backup.flavor_ram as number | undefined,
      volumeSize: backup.volume_size as number | undefined,
      automated: backup.is_automated === 1 || backup.is_automated === true,
      createdAt: parseUtc(String(backup.created)),
      // Frozen and serialized once: listing documented backups reuses their bytes (see http/json-body.ts).
      documented: frozenJson(structuredClone(backup)),
      documentedUpdated: parseUtc(String(backup.updated)),
    });
    if (source.type === "instance") addInstance(store, source.id, datastore, backup);
  }
  // Instances the request examples back up or schedule without a backup of them being shown.
  for (const value of getExamples(spec, ["createBackup"], "request")) {
    const instance = (value as { backup: Json }).backup.instance;
    if (typeof instance === "string" && instance !== "") addInstance(store, instance, MYSQL_56, {});
  }
  for (const value of getExamples(spec, ["createSchedule"], "request")) {
    addInstance(store, String((value as { schedule: Json }).schedule.instance_id), MYSQL_56, {});
  }

  for (const value of getExamples(spec, ["showHaInstance"])) {
    const ha = (value as { ha_instance: Json }).ha_instance;
    store.haInstances.set(String(ha.id), {
      id: String(ha.id),
      account: SEED_ACCOUNT,
      datastore: { ...MYSQL_56, ...(ha.datastore as Partial<Datastore>) },
      flavorRam: 1024,
      volumeSize: Number((ha.volume as { size?: number } | undefined)?.size ?? 1),
      documented: ha,
    });
  }

  for (const value of getExamples(spec, ["listSchedules"])) {
    for (const schedule of (value as { schedules: Json[] }).schedules) {
      const instanceId = String(schedule.instance_id);
      addInstance(store, instanceId, MYSQL_56, {});
      const now = store.now();
      store.schedules.set(String(schedule.id), {
        id: String(schedule.id),
        account: SEED_ACCOUNT,
        source: { type: "instance", id: instanceId },
        instanceId,
        dayOfWeek: Number(schedule.day_of_week),
        hour: Number(schedule.hour),
        minute: Number(schedule.minute),
        fullBackupRetention: (schedule.full_backup_retention as number | null | undefined) ?? null,
        copyTo: undefined,
        lastScheduled: null,
        // The schedule starts running when the sandbox starts, not in 2014.
        createdAt: now,
        updatedAt: now,
      });
    }
  }
}

function addInstance(store: CloudDatabasesStore, id: string, datastore: Datastore | undefined, backup: Json): void {
  if (store.instances.has(id)) return;
  store.instances.set(id, {
    id,
    account: SEED_ACCOUNT,
    name: `instance-${id.slice(0, 8)}`,
    datastore: datastore && "version_id" in datastore ? datastore : MYSQL_56,
    flavorRam: Number(backup.flavor_ram ?? 1024),
    volumeSize: Number(backup.volume_size ?? 1),
    deleted: false,
  });
}

export function seedZcomCompute(store: ZcomComputeStore, spec: OpenApiDocument = loadBundle(apiById("zcom-compute"))): void {
  for (const value of getExamples(spec, ["listZcomBackups"])) {
    for (const backup of (value as { backup: Json[] }).backup) {
      const runs = backup.backupruns as BackupRun[];
      store.backups.set(String(backup.id), {
        id: String(backup.id),
        tenant: SEED_TENANT,
        instanceId: String(backup.instance_id),
        createdAt: Math.min(...runs.map((run) => Date.parse(run.created_at))),
        documentedRuns: runs,
      });
      store.vms.set(String(backup.instance_id), { id: String(backup.instance_id), tenant: SEED_TENANT });
    }
  }
  // The backup the enable example created exists too (with the runs it has taken since), and the VM
  // of the enable request (a placeholder ID) exists without a backup.
  for (const value of getExamples(spec, ["enableZcomBackup"])) {
    const backup = (value as { backup: Json }).backup;
    const vm = String(backup.instance_id);
    store.vms.set(vm, { id: vm, tenant: SEED_TENANT });
    store.backups.set(String(backup.id), {
      id: String(backup.id),
      tenant: SEED_TENANT,
      instanceId: vm,
      createdAt: Date.parse(String(backup.created_at)),
    });
  }
  for (const value of getExamples(spec, ["enableZcomBackup"], "request")) {
    const vm = String((value as { backup: Json }).backup.instance_id);
    store.vms.set(vm, { id: vm, tenant: SEED_TENANT });
  }
}
