import type { SandboxConfig } from "../config.js";
import { isoSeconds } from "../ids.js";
import { statusAt, updatedAt } from "./lifecycle.js";
import type { BackupRecord, HaRecord, InstanceRecord, ScheduleRecord } from "./model.js";

/** Each region's Cloud Files cluster, where its backups' files are (the ServiceNet endpoint). */
const CLOUD_FILES_CLUSTERS: Readonly<Record<string, string>> = {
  dfw: "dfw1",
  ord: "ord1",
  iad: "iad3",
  lon: "lon3",
  hkg: "hkg1",
  syd: "syd2",
};

/**
 * A backup as the server returns it. Created backups report `is_automated` as a boolean, listed ones
 * as 0/1: the pages show the server doing exactly that (errata CDB-IS-AUTOMATED).
 */
export function backupView(
  backup: BackupRecord,
  at: number,
  config: SandboxConfig,
  flagStyle: "boolean" | "integer",
  region: string,
): Record<string, unknown> {
  if (backup.documented) return backup.documented as Record<string, unknown>;
  const status = statusAt(backup, at, config);
  const done = status === "COMPLETED";
  return {
    status,
    updated: isoSeconds(updatedAt(backup, at, config)),
    description: backup.description,
    ...(backup.datastore ? { datastore: { ...backup.datastore } } : {}),
    id: backup.id,
    size: done ? Math.round((backup.volumeSize ?? 1) * 18) / 100 : null,
    is_automated: flagStyle === "boolean" ? backup.automated : backup.automated ? 1 : 0,
    name: backup.name,
    parent_id: backup.parentId,
    created: isoSeconds(backup.createdAt),
    ...(backup.flavorRam !== undefined ? { flavor_ram: backup.flavorRam } : {}),
    instance_id: backup.source.type === "instance" ? backup.source.id : null,
    source: { type: backup.source.type, id: backup.source.id },
    locationRef: done
      ? `https://snet-storage101.${CLOUD_FILES_CLUSTERS[region] ?? region}.clouddrive.com/v1/MossoCloudFS_${backup.account}/z_CLOUDDB_BACKUPS/${backup.id}.xbstream.gz`
      : null,
    type: backup.parentId ? "InnoBackupExIncremental" : "InnoBackupEx",
    ...(backup.volumeSize !== undefined ? { volume_size: backup.volumeSize } : {}),
  };
}

export function haView(ha: HaRecord, running: boolean): Record<string, unknown> {
  return { ...ha.documented, state: running ? "BACKUP" : "ACTIVE" };
}

export function restoredInstanceView(instance: InstanceRecord, at: number, baseUrl: string): Record<string, unknown> {
  const self = `${baseUrl}/${instance.account}/instances/${instance.id}`;
  return {
    created: isoSeconds(at),
    ...(instance.datastore ? { datastore: { type: instance.datastore.type, version: instance.datastore.version } } : {}),
    hostname: `${instance.id.replaceAll("-", "")}.rackspaceclouddb.com`,
    id: instance.id,
    links: [{ href: self, rel: "self" }],
    name: instance.name,
    status: "BUILD",
    updated: isoSeconds(at),
    volume: { size: instance.volumeSize },
  };
}

export function scheduleView(schedule: ScheduleRecord, nextRun: number, running: boolean): Record<string, unknown> {
  return {
    action: "backup",
    created: isoSeconds(schedule.createdAt),
    day_of_month: null,
    day_of_week: schedule.dayOfWeek,
    full_backup_retention: schedule.fullBackupRetention,
    hour: schedule.hour,
    id: schedule.id,
    instance_id: schedule.instanceId,
    last_scheduled: schedule.lastScheduled === null ? null : isoSeconds(schedule.lastScheduled),
    minute: schedule.minute,
    month: null,
    next_run: isoSeconds(nextRun),
    running,
    source: { id: schedule.source.id, type: schedule.source.type },
    updated: isoSeconds(schedule.updatedAt),
    ...(schedule.copyTo ? { copy_to: [...schedule.copyTo] } : {}),
  };
}
