import { badRequest, conflict, notFound, unprocessable } from "../api-error.js";
import type { Clock } from "../clock.js";
import type { SandboxConfig } from "../config.js";
import { newId } from "../ids.js";
import { completedAt, HUNG_AFTER_MS, isRunningAt, statusAt, updatedAt } from "./lifecycle.js";
import type { BackupRecord, Datastore, HaRecord, InstanceRecord, ScheduleRecord, SourceType } from "./model.js";
import { DEFAULT_FULL_BACKUP_RETENTION, planCatchUp, type SourceState } from "./schedule-catch-up.js";
import { nextRunAfter } from "./schedule-times.js";

export interface BackupQuery {
  readonly datastore?: string;
  readonly instanceId?: string;
  readonly haId?: string;
}

export interface CreateBackupInput {
  readonly name: string;
  readonly description?: string | null;
  readonly instance?: string | null;
  readonly parent_id?: string | null;
  readonly source?: { readonly type: SourceType; readonly id: string };
  readonly incremental?: boolean | number;
}

export interface ScheduleInput {
  readonly day_of_week: number;
  readonly hour: number;
  readonly minute: number;
  readonly instance_id?: string;
  readonly source_id?: string;
  readonly source_type?: SourceType;
  readonly full_backup_retention?: number;
  readonly copy_to?: readonly string[];
}

/**
 * The state of the Cloud Databases sandbox: accounts' instances, HA groups, backups and schedules, and
 * the rules the pages and upstream Trove describe. Every method takes the caller's account and never
 * returns or touches another account's data.
 */
export class CloudDatabasesStore {
  readonly backups = new Map<string, BackupRecord>();
  readonly instances = new Map<string, InstanceRecord>();
  readonly haInstances = new Map<string, HaRecord>();
  readonly schedules = new Map<string, ScheduleRecord>();
  #caughtUpTo: number;
  #catchUpWork = 0;

  constructor(
    readonly clock: Clock,
    readonly config: SandboxConfig,
  ) {
    this.#caughtUpTo = clock.now();
  }

  now(): number {
    return this.clock.now();
  }

  /** Runs simulated and backups made by catch-ups so far (see schedule-catch-up.ts; tests count it). */
  get catchUpWork(): number {
    return this.#catchUpWork;
  }

  /**
   * Brings every schedule's runs since the last call into the data (the sandbox calls it before each
   * request): what the runs leave is computed per schedule from the runs that survive retention
   * (schedule-catch-up.ts), in time proportional to what is kept, not to the time skipped.
   */
  catchUp(): void {
    const now = this.now();
    if (now <= this.#caughtUpTo) return;
    // The backups by source and by parent, once: a scan of every backup per schedule made the catch-up
    // grow with the square of the schedules.
    const bySource = new Map<string, BackupRecord[]>();
    const children = new Map<string, BackupRecord[]>();
    const add = (map: Map<string, BackupRecord[]>, key: string, backup: BackupRecord) => {
      const list = map.get(key);
      if (list) list.push(backup);
      else map.set(key, [backup]);
    };
    const index = (backup: BackupRecord) => {
      add(bySource, `${backup.source.type} ${backup.source.id}`, backup);
      if (backup.parentId !== null) add(children, backup.parentId, backup);
    };
    for (const backup of this.backups.values()) index(backup);
    const deleteWithIncrementals = (backup: BackupRecord) => {
      for (const child of children.get(backup.id) ?? []) deleteWithIncrementals(child);
      this.backups.delete(backup.id);
    };
    for (const schedule of this.schedules.values()) {
      const existing = (bySource.get(`${schedule.source.type} ${schedule.source.id}`) ?? []).filter(
        (backup) => this.backups.get(backup.id) === backup,
      );
      const plan = planCatchUp(
        schedule,
        Math.max(this.#caughtUpTo, schedule.createdAt),
        now,
        existing,
        this.#sourceState(schedule),
        this.config,
      );
      this.#catchUpWork += plan.work;
      if (plan.lastScheduled !== null) schedule.lastScheduled = plan.lastScheduled;
      for (const backup of plan.deleted) deleteWithIncrementals(backup);
      const ids = new Map<string, string>();
      for (const planned of plan.created) {
        const backup: BackupRecord = {
          ...planned,
          id: newId(),
          parentId: planned.parentId === null ? null : (ids.get(planned.parentId) ?? planned.parentId),
        };
        ids.set(planned.id, backup.id);
        this.backups.set(backup.id, backup);
        index(backup);
      }
    }
    this.#caughtUpTo = now;
  }

  /** The schedule's source as createBackup finds it: there, with what a backup copies from it, or gone. */
  #sourceState(schedule: ScheduleRecord): SourceState {
    try {
      const { datastore, flavorRam, volumeSize } = this.#sourceRecord(schedule.account, schedule.source);
      return { available: true, datastore, flavorRam, volumeSize };
    } catch {
      return { available: false };
    }
  }

  // ---- backups ----

  listBackups(account: string, query: BackupQuery): BackupRecord[] {
    const now = this.now();
    const datastore = query.datastore?.toLowerCase();
    // One pass over the backups; each one's `updated` is worked out once, not in every comparison of the sort.
    const found: { backup: BackupRecord; updated: number }[] = [];
    for (const backup of this.backups.values()) {
      if (backup.account !== account) continue;
      if (datastore !== undefined && this.#datastoreOf(backup)?.type.toLowerCase() !== datastore) continue;
      if (query.instanceId !== undefined && !(backup.source.type === "instance" && backup.source.id === query.instanceId)) continue;
      if (query.haId !== undefined && !(backup.source.type === "ha" && backup.source.id === query.haId)) continue;
      found.push({ backup, updated: this.#updated(backup, now) });
    }
    return found.sort((a, b) => b.updated - a.updated || a.backup.id.localeCompare(b.backup.id)).map((entry) => entry.backup);
  }

  getBackup(account: string, id: string): BackupRecord {
    const backup = this.backups.get(id);
    // Another account's backup is 404, not 403, as in upstream Trove (find_by checks the tenant).
    if (!backup || backup.account !== account) throw notFound(`Resource ${id} cannot be found.`);
    return backup;
  }

  createBackup(account: string, input: CreateBackupInput, automated = false, at = this.now()): BackupRecord {
    const source = this.#resolveSource(account, input);
    if (this.#runningBackupOf(source, at)) {
      throw unprocessable(
        `${source.type === "ha" ? "HA instance" : "Instance"} ${source.id} is not currently available for an action to be performed (BACKUP status was running). Users can only run one backup at a time.`,
      );
    }
    let parentId = input.parent_id ?? null;
    if (parentId !== null) {
      const parent = this.getBackup(account, parentId);
      if (parent.source.type !== source.type || parent.source.id !== source.id) {
        throw unprocessable(
          `Backup ${parentId} was taken from ${parent.source.type} ${parent.source.id}, not from ${source.type} ${source.id}; an incremental backup must have the same source as its parent.`,
        );
      }
      const parentStatus = statusAt(parent, at, this.config);
      if (parentStatus !== "COMPLETED") {
        throw unprocessable(`Backup ${parentId} is ${parentStatus}; an incremental backup needs a COMPLETED parent.`);
      }
    } else if (input.incremental === 1 || input.incremental === true) {
      // python-troveclient's `incremental` without a parent: upstream Trove takes the latest completed
      // backup of the source as the parent, or makes a full backup when there is none.
      parentId = this.#latestCompleted(account, source, at)?.id ?? null;
    }
    const origin = this.#sourceRecord(account, source);
    const backup: BackupRecord = {
      id: newId(),
      account,
      name: input.name,
      description: input.description ?? null,
      source,
      parentId,
      datastore: origin.datastore,
      flavorRam: origin.flavorRam,
      volumeSize: origin.volumeSize,
      automated,
      createdAt: at,
    };
    this.backups.set(backup.id, backup);
    return backup;
  }

  /** Deletes a backup and, first, every incremental backup built on it (recursively). */
  deleteBackup(account: string, id: string): void {
    const backup = this.getBackup(account, id);
    const now = this.now();
    if (isRunningAt(backup, now, this.config) && now - backup.createdAt < HUNG_AFTER_MS) {
      throw unprocessable(`Backup ${id} cannot be deleted because it is running.`);
    }
    this.#deleteWithIncrementals(backup);
  }

  isRunning(backup: BackupRecord): boolean {
    return isRunningAt(backup, this.now(), this.config);
  }

  // ---- instances and HA ----

  restore(
    account: string,
    input: { name?: string; flavorRef: string | number; volume: { size: number }; restorePoint: { backupRef: string } },
  ): InstanceRecord {
    const backup = this.getBackup(account, input.restorePoint.backupRef);
    const status = statusAt(backup, this.now(), this.config);
    if (status !== "COMPLETED" && status !== "RESTORED") {
      throw conflict(`Unable to create instance because backup ${backup.id} is not completed. Actual state: ${status}.`);
    }
    const instance: InstanceRecord = {
      id: newId(),
      account,
      name: input.name ?? `restore-of-${backup.name}`,
      datastore: this.#datastoreOf(backup),
      flavorRam: backup.flavorRam ?? 1024,
      volumeSize: input.volume.size,
      deleted: false,
    };
    this.instances.set(instance.id, instance);
    return instance;
  }

  getHa(account: string, id: string): HaRecord {
    const ha = this.haInstances.get(id);
    if (!ha || ha.account !== account) throw notFound(`HA instance ${id} could not be found.`);
    return ha;
  }

  haIsBackingUp(ha: HaRecord): boolean {
    return this.#runningBackupOf({ type: "ha", id: ha.id }, this.now()) !== undefined;
  }

  /** Whether the account has, or had, this instance (deleted instances count). */
  knowsInstance(account: string, id: string): boolean {
    return this.instances.get(id)?.account === account;
  }

  /** Deletes an instance (sandbox control): its backups stay, as on the real service. */
  deleteInstance(account: string, id: string): void {
    const instance = this.instances.get(id);
    if (!instance || instance.account !== account || instance.deleted) throw notFound(`Instance ${id} could not be found.`);
    instance.deleted = true;
  }

  // ---- schedules ----

  listSchedules(account: string): ScheduleRecord[] {
    return [...this.schedules.values()].filter((schedule) => schedule.account === account).sort((a, b) => a.createdAt - b.createdAt);
  }

  getSchedule(account: string, id: string): ScheduleRecord {
    const schedule = this.schedules.get(id);
    if (!schedule || schedule.account !== account) throw notFound(`Schedule ${id} could not be found.`);
    return schedule;
  }

  createSchedule(account: string, input: ScheduleInput): ScheduleRecord {
    const source = input.source_id
      ? { type: input.source_type ?? "instance", id: input.source_id }
      : { type: "instance" as const, id: input.instance_id! };
    if (input.source_id && input.instance_id && input.instance_id !== input.source_id) {
      throw badRequest("instance_id and source_id name different sources; give one of them.");
    }
    this.#sourceRecord(account, source);
    if (this.listSchedules(account).some((other) => other.source.type === source.type && other.source.id === source.id)) {
      throw unprocessable(`${source.type} ${source.id} already has a backup schedule.`);
    }
    const now = this.now();
    const schedule: ScheduleRecord = {
      id: newId(),
      account,
      source,
      instanceId: source.type === "instance" ? source.id : null,
      dayOfWeek: input.day_of_week,
      hour: input.hour,
      minute: input.minute,
      fullBackupRetention: input.full_backup_retention ?? null,
      copyTo: input.copy_to,
      lastScheduled: null,
      createdAt: now,
      updatedAt: now,
    };
    this.schedules.set(schedule.id, schedule);
    return schedule;
  }

  updateSchedule(
    account: string,
    id: string,
    input: { day_of_week?: number; hour?: number; minute?: number; run_now?: boolean | string; full_backup_retention?: number },
  ): void {
    const schedule = this.getSchedule(account, id);
    if (input.day_of_week !== undefined) schedule.dayOfWeek = input.day_of_week;
    if (input.hour !== undefined) schedule.hour = input.hour;
    if (input.minute !== undefined) schedule.minute = input.minute;
    if (input.full_backup_retention !== undefined) schedule.fullBackupRetention = input.full_backup_retention;
    schedule.updatedAt = this.now();
    if (input.run_now === true || input.run_now === "true") this.#runSchedule(schedule, this.now(), true);
  }

  deleteSchedule(account: string, id: string): void {
    this.schedules.delete(this.getSchedule(account, id).id);
  }

  nextRun(schedule: ScheduleRecord): number {
    return nextRunAfter(schedule, this.now());
  }

  scheduleIsRunning(schedule: ScheduleRecord): boolean {
    return this.#runningBackupOf(schedule.source, this.now()) !== undefined;
  }

  // ---- internals ----

  #runSchedule(schedule: ScheduleRecord, at: number, force = false): void {
    schedule.lastScheduled = at;
    if (this.#runningBackupOf(schedule.source, at)) return; // one backup at a time: this run is skipped
    const weekday = new Date(at).getUTCDay();
    const full = force || schedule.dayOfWeek === 7 || weekday === schedule.dayOfWeek;
    const parent = full ? undefined : this.#latestCompleted(schedule.account, schedule.source, at, true);
    const input: CreateBackupInput = {
      name: `${full ? "full" : "incremental"}-${new Date(at).toISOString().slice(0, 16)}`,
      description: `Scheduled backup (schedule ${schedule.id})`,
      ...(schedule.source.type === "ha" ? { instance: null, source: schedule.source } : { instance: schedule.source.id }),
      parent_id: parent?.id ?? null,
    };
    try {
      this.createBackup(schedule.account, input, true, at);
    } catch {
      return; // the source is gone: nothing to back up
    }
    if (!parent) this.#applyRetention(schedule);
  }

  /** Keeps the newest `full_backup_retention` automated full backups of the source (with their incrementals). */
  #applyRetention(schedule: ScheduleRecord): void {
    const keep = schedule.fullBackupRetention ?? DEFAULT_FULL_BACKUP_RETENTION;
    const fulls = [...this.backups.values()]
      .filter((backup) => backup.account === schedule.account && backup.automated && backup.parentId === null)
      .filter((backup) => backup.source.type === schedule.source.type && backup.source.id === schedule.source.id)
      .sort((a, b) => b.createdAt - a.createdAt);
    for (const old of fulls.slice(keep)) this.#deleteWithIncrementals(old);
  }

  #deleteWithIncrementals(backup: BackupRecord): void {
    for (const child of [...this.backups.values()].filter((candidate) => candidate.parentId === backup.id))
      this.#deleteWithIncrementals(child);
    this.backups.delete(backup.id);
  }

  #resolveSource(account: string, input: CreateBackupInput): { type: SourceType; id: string } {
    if (input.source?.type === "ha") {
      this.getHa(account, input.source.id);
      return { type: "ha", id: input.source.id };
    }
    const instanceId = input.instance ?? input.source?.id;
    if (!instanceId) throw badRequest("instance is missing.");
    if (input.source && input.source.id !== instanceId) {
      throw badRequest(`source.id ${input.source.id} is not the instance ${instanceId} to back up.`);
    }
    this.#sourceRecord(account, { type: "instance", id: instanceId });
    return { type: "instance", id: instanceId };
  }

  #sourceRecord(
    account: string,
    source: { type: SourceType; id: string },
  ): { datastore: Datastore | undefined; flavorRam: number; volumeSize: number } {
    if (source.type === "ha") return this.getHa(account, source.id);
    const instance = this.instances.get(source.id);
    if (!instance || instance.account !== account || instance.deleted) throw notFound(`Instance ${source.id} could not be found.`);
    return instance;
  }

  #runningBackupOf(source: { type: SourceType; id: string }, at: number): BackupRecord | undefined {
    for (const backup of this.backups.values()) {
      if (
        backup.source.type === source.type &&
        backup.source.id === source.id &&
        backup.createdAt <= at &&
        isRunningAt(backup, at, this.config)
      ) {
        // A documented backup stuck in NEW since 2014 is hung, not running (upstream expiry rule).
        if (at - backup.createdAt < HUNG_AFTER_MS) return backup;
      }
    }
    return undefined;
  }

  #latestCompleted(account: string, source: { type: SourceType; id: string }, at: number, automatedOnly = false): BackupRecord | undefined {
    return [...this.backups.values()]
      .filter((backup) => backup.account === account && backup.source.type === source.type && backup.source.id === source.id)
      .filter((backup) => !automatedOnly || backup.automated)
      .filter((backup) => backup.createdAt <= at && statusAt(backup, at, this.config) === "COMPLETED")
      .sort((a, b) => completedAt(b, this.config) - completedAt(a, this.config))[0];
  }

  #datastoreOf(backup: BackupRecord): Datastore | undefined {
    return backup.datastore ?? (backup.documented?.datastore as Datastore | undefined);
  }

  #updated(backup: BackupRecord, now: number): number {
    return backup.documentedUpdated ?? updatedAt(backup, now, this.config);
  }
}

/** Parses the pages' timestamps, with or without the trailing Z, as UTC. */
export function parseUtc(timestamp: string): number {
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(timestamp) ? timestamp : `${timestamp}Z`);
}
