// The schedule catch-up as the sandbox did it before it computed the surviving runs directly: every
// run of every schedule in the window, one after the other, each creating a backup through the store
// and applying retention over all backups. Slow (it blocked the event loop for seconds after a long
// clock jump), but plainly what the pages describe, so the property tests hold the fast catch-up to it.
import { completedAt, HUNG_AFTER_MS, isRunningAt, statusAt } from "../../src/sandbox/cloud-databases/lifecycle.js";
import type { BackupRecord, ScheduleRecord } from "../../src/sandbox/cloud-databases/model.js";
import { DEFAULT_FULL_BACKUP_RETENTION } from "../../src/sandbox/cloud-databases/schedule-catch-up.js";
import { runsBetween } from "../../src/sandbox/cloud-databases/schedule-times.js";
import type { CloudDatabasesStore, CreateBackupInput } from "../../src/sandbox/cloud-databases/store.js";

/** Runs every schedule of `store` at each of its run times in (from, to], as the sandbox used to. */
export function dayByDayCatchUp(store: CloudDatabasesStore, from: number, to: number): void {
  if (to <= from) return;
  for (const schedule of store.schedules.values()) {
    for (const at of runsBetween(schedule, Math.max(from, schedule.createdAt), to)) runSchedule(store, schedule, at);
  }
  // Deletions requested before the window (asynchronous, as Trove's) that have ended by its close.
  for (const backup of [...store.backups.values()]) if (backup.goneAt !== undefined && backup.goneAt <= to) store.backups.delete(backup.id);
}

/** Being deleted (a delete request's asynchronous end is set): neither a run's parent nor counted by retention. */
const beingDeleted = (backup: BackupRecord) => backup.goneAt !== undefined;

function runSchedule(store: CloudDatabasesStore, schedule: ScheduleRecord, at: number): void {
  schedule.lastScheduled = at;
  if (runningBackupOf(store, schedule.source, at)) return;
  const weekday = new Date(at).getUTCDay();
  const full = schedule.dayOfWeek === 7 || weekday === schedule.dayOfWeek;
  const parent = full ? undefined : latestCompleted(store, schedule.account, schedule.source, at);
  const input: CreateBackupInput = {
    name: `${full ? "full" : "incremental"}-${new Date(at).toISOString().slice(0, 16)}`,
    description: `Scheduled backup (schedule ${schedule.id})`,
    ...(schedule.source.type === "ha"
      ? { instance: null, source: { type: "ha" as const, id: schedule.source.id } }
      : { instance: schedule.source.id }),
    ...(parent ? { parent_id: parent.id } : {}),
  };
  try {
    store.createBackup(schedule.account, input, { automated: true, at });
  } catch {
    return;
  }
  if (!parent) applyRetention(store, schedule, at);
}

function applyRetention(store: CloudDatabasesStore, schedule: ScheduleRecord, at: number): void {
  const keep = schedule.fullBackupRetention ?? DEFAULT_FULL_BACKUP_RETENTION;
  const fulls = [...store.backups.values()]
    .filter((backup) => backup.account === schedule.account && backup.automated && backup.parentId === null && !beingDeleted(backup))
    .filter((backup) => backup.source.type === schedule.source.type && backup.source.id === schedule.source.id)
    .sort((a, b) => b.createdAt - a.createdAt);
  // A full backup whose chain still runs is kept whole until a later run.
  for (const old of fulls.slice(keep)) if (!chainRunning(store, old, at)) deleteWithIncrementals(store, old);
}

function chainRunning(store: CloudDatabasesStore, backup: BackupRecord, at: number): boolean {
  if (isRunningAt(backup, at, store.config) && at - backup.createdAt < HUNG_AFTER_MS) return true;
  return [...store.backups.values()].some(
    (child) => child.parentId === backup.id && !beingDeleted(child) && chainRunning(store, child, at),
  );
}

function deleteWithIncrementals(store: CloudDatabasesStore, backup: BackupRecord): void {
  for (const child of [...store.backups.values()].filter((candidate) => candidate.parentId === backup.id))
    deleteWithIncrementals(store, child);
  store.backups.delete(backup.id);
}

function runningBackupOf(store: CloudDatabasesStore, source: ScheduleRecord["source"], at: number): BackupRecord | undefined {
  for (const backup of store.backups.values()) {
    if (
      backup.source.type === source.type &&
      backup.source.id === source.id &&
      backup.createdAt <= at &&
      isRunningAt(backup, at, store.config) &&
      at - backup.createdAt < HUNG_AFTER_MS
    )
      return backup;
  }
  return undefined;
}

function latestCompleted(
  store: CloudDatabasesStore,
  account: string,
  source: ScheduleRecord["source"],
  at: number,
): BackupRecord | undefined {
  return [...store.backups.values()]
    .filter((backup) => backup.account === account && backup.source.type === source.type && backup.source.id === source.id)
    .filter((backup) => backup.automated && !beingDeleted(backup))
    .filter((backup) => backup.createdAt <= at && statusAt(backup, at, store.config) === "COMPLETED")
    .sort((a, b) => completedAt(b, store.config) - completedAt(a, store.config))[0];
}
