import type { components } from "../../../generated/cloud-databases/schema.js";
import { ApiError, badRequest, conflict, notFound, quotaExceeded, unprocessable } from "../api-error.js";
import type { Clock } from "../clock.js";
import type { SandboxConfig } from "../config.js";
import { newId } from "../ids.js";
import { completedAt, HUNG_AFTER_MS, isRunningAt, statusAt, updatedAt } from "./lifecycle.js";
import type { BackupOrigin, BackupRecord, Datastore, HaRecord, InstanceRecord, ScheduleRecord, SourceType } from "./model.js";
import type { RegionDirectory } from "./regions.js";
import { DEFAULT_FULL_BACKUP_RETENTION, planCatchUp, type SourceState } from "./schedule-catch-up.js";
import { nextRunAfter } from "./schedule-times.js";

type Schemas = components["schemas"];
export type CreateBackupInput = Schemas["InstanceBackupCreate"] | Schemas["HaBackupCreate"];
export type ScheduleInput = Schemas["ScheduleCreate"];
export type ScheduleUpdate = Schemas["UpdateScheduleRequest"]["schedule"];
export type RestoreInput = Schemas["InstanceFromBackup"];
export type BackupCopyInput = Schemas["BackupCopy"];

export interface BackupQuery {
  readonly datastore?: string;
  readonly instanceId?: string;
  readonly haId?: string;
}

/** How a backup comes to be: by a request (now), or by a schedule's run (automated, at the run's time). */
interface Creation {
  readonly automated?: boolean;
  readonly at?: number;
}

/**
 * The datastores Cloud Databases offers (the BackupType table: MySQL, Percona, MariaDB), lower-cased. Trove
 * loads the datastore a list is filtered by, so any other name is 404, not an empty list.
 */
const DATASTORE_TYPES: readonly string[] = ["mysql", "percona", "mariadb"];

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
    /** The region (lower case) this store is the data of. */
    readonly region: string = config.homeRegion,
    readonly directory?: RegionDirectory,
  ) {
    this.#caughtUpTo = clock.now();
  }

  /** Back to no data at all (the sandbox then seeds the home region again). */
  reset(): void {
    for (const map of [this.backups, this.instances, this.haInstances, this.schedules]) map.clear();
    this.#caughtUpTo = this.now();
  }

  now(): number {
    return this.clock.now();
  }

  /** Runs simulated and backups made by catch-ups so far (see schedule-catch-up.ts; tests count it). */
  get catchUpWork(): number {
    return this.#catchUpWork;
  }

  /**
   * Brings every schedule's runs since the last call into the data, then makes the copies due and drops
   * the backups whose deletion has run (the sandbox calls it before each request). What the runs leave is
   * computed per schedule from the runs that survive retention (schedule-catch-up.ts), in time
   * proportional to what is kept, not to the time skipped.
   */
  catchUp(): void {
    const now = this.now();
    if (now <= this.#caughtUpTo) return;
    // The backups by source, once: a scan of every backup per schedule made the catch-up grow with the
    // square of the schedules. Backups being deleted are left out: they neither run nor take part in retention.
    const bySource = new Map<string, BackupRecord[]>();
    const sourceKey = (source: { type: string; id: string }) => `${source.type} ${source.id}`;
    for (const backup of this.backups.values()) {
      if (this.isBeingDeleted(backup)) continue;
      const list = bySource.get(sourceKey(backup.source));
      if (list) list.push(backup);
      else bySource.set(sourceKey(backup.source), [backup]);
    }
    for (const schedule of this.schedules.values()) {
      const existing = bySource.get(sourceKey(schedule.source)) ?? [];
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
      // Retention's deletions ran at the runs' times, long enough ago that their asynchronous end has come.
      for (const backup of plan.deleted) backup.goneAt ??= plan.lastScheduled ?? now;
      const ids = new Map<string, string>();
      // Copies are made of the backups that survive the catch-up only: those that retention removed
      // within it are not copied (with a copy for every day skipped, a long jump would grow without bound).
      const copyTo = schedule.copyTo && schedule.copyTo.length > 0 ? schedule.copyTo.map((region) => region.toLowerCase()) : undefined;
      for (const planned of plan.created) {
        const backup: BackupRecord = {
          ...planned,
          id: newId(),
          parentId: planned.parentId === null ? null : (ids.get(planned.parentId) ?? planned.parentId),
          ...(copyTo ? { copyTo } : {}),
        };
        ids.set(planned.id, backup.id);
        this.backups.set(backup.id, backup);
      }
    }
    // Copies before deletions: a backup that completed and was then deleted was copied in between. Both
    // after the schedules: a run before a deletion's end still saw the backup.
    for (const backup of this.backups.values()) if (backup.copyTo && completedAt(backup, this.config) <= now) this.#copyCompleted(backup);
    for (const backup of this.backups.values()) if (!this.#existsAt(backup, now)) this.backups.delete(backup.id);
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
      if (backup.account !== account || !this.#existsAt(backup, now)) continue;
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
    if (!backup || backup.account !== account || !this.#existsAt(backup, this.now())) throw notFound(`Resource ${id} cannot be found.`);
    return backup;
  }

  /** Whether a delete was accepted for the backup and its deletion has not run yet. */
  isBeingDeleted(backup: BackupRecord): boolean {
    return backup.goneAt !== undefined;
  }

  createBackup(account: string, input: CreateBackupInput, creation: Creation = {}): BackupRecord {
    const at = creation.at ?? this.now();
    // First, as Trove's run_with_quotas; a schedule's runs are bounded by its retention, not refused.
    if (!creation.automated) this.checkBackupQuota(account);
    const source = this.#resolveSource(account, input);
    if (this.#runningBackupOf(source, at)) {
      throw unprocessable(
        `${source.type === "ha" ? "HA instance" : "Instance"} ${source.id} is not currently available for an action to be performed (BACKUP status was running). Users can only run one backup at a time.`,
      );
    }
    let parentId = input.parent_id ?? null;
    if (parentId !== null) {
      const parent = this.getBackup(account, parentId);
      // Trove would build on it and leave an orphan once the deletion runs; the sandbox refuses instead.
      if (this.isBeingDeleted(parent))
        throw unprocessable(`Backup ${parentId} is being deleted; an incremental backup needs a parent that stays.`);
      if (parent.source.type !== source.type || parent.source.id !== source.id) {
        throw unprocessable(
          `Backup ${parentId} was taken from ${parent.source.type} ${parent.source.id}, not from ${source.type} ${source.id}; an incremental backup must have the same source as its parent.`,
        );
      }
      const parentStatus = statusAt(parent, at, this.config);
      if (parentStatus !== "COMPLETED") {
        throw unprocessable(`Backup ${parentId} is ${parentStatus}; an incremental backup needs a COMPLETED parent.`);
      }
    } else if (input.incremental === 1) {
      // python-troveclient's `incremental` without a parent: upstream Trove takes the latest completed
      // backup of the source as the parent, or makes a full backup when there is none.
      parentId = this.#latestCompleted(account, source, at)?.id ?? null;
    }
    const copyTo = input.copy_to ? this.#copyTargets(input.copy_to) : undefined;
    if (copyTo && parentId !== null) {
      const parent = this.getBackup(account, parentId);
      for (const target of copyTo) this.#parentCopyIn(target, parent, at, `backup ${parentId}`);
    }
    const record = this.#sourceRecord(account, source);
    const backup: BackupRecord = {
      id: newId(),
      account,
      name: input.name,
      description: input.description ?? null,
      source,
      parentId,
      datastore: record.datastore,
      flavorRam: record.flavorRam,
      volumeSize: record.volumeSize,
      automated: creation.automated ?? false,
      createdAt: at,
      ...(copyTo && copyTo.length > 0 ? { copyTo } : {}),
    };
    this.backups.set(backup.id, backup);
    return backup;
  }

  /**
   * Copies a completed backup to another region (copyBackup): the copy is a new backup there, made now,
   * that runs NEW → BUILDING → COMPLETED. An incremental backup needs its parent copied there first.
   */
  copyBackup(account: string, id: string, input: BackupCopyInput): BackupRecord {
    const backup = this.getBackup(account, id);
    const [target] = this.#copyTargets([input.target_backup_region]) as [string];
    const at = this.now();
    const status = statusAt(backup, at, this.config);
    if (status !== "COMPLETED" || this.isBeingDeleted(backup)) {
      throw unprocessable(
        `Backup ${id} is ${this.isBeingDeleted(backup) ? "being deleted" : status}; only a COMPLETED backup can be copied to another region.`,
      );
    }
    const parent = backup.parentId === null ? undefined : this.backups.get(backup.parentId);
    const parentCopy = parent ? this.#parentCopyIn(target, parent, at, `incremental backup ${id}`) : undefined;
    const destination = this.directory!.region(target)!;
    destination.checkBackupQuota(account);
    return destination.receiveCopy(backup, this.#originOf(backup), {
      name: input.name ?? `${backup.name.slice(0, 64 - "-copy".length)}-copy`,
      description: input.description ?? backup.description,
      parentId: parentCopy?.id ?? null,
      automated: false,
      at,
    });
  }

  /** A copy of another region's backup, made at `at`; its own ID, name and lifecycle, the original's data. */
  /** 413 when the account keeps as many backups in this region as its quota allows (being deleted ones still count, as in Trove until they are gone). */
  checkBackupQuota(account: string): void {
    if (!this.hasBackupRoom(account)) throw quotaExceeded("backups");
  }

  /** Whether the account keeps fewer backups in this region than its quota. */
  hasBackupRoom(account: string): boolean {
    let kept = 0;
    for (const backup of this.backups.values()) if (backup.account === account) kept++;
    return kept < this.config.quotas.backups;
  }

  receiveCopy(
    original: BackupRecord,
    origin: BackupOrigin,
    copy: { name: string; description: string | null; parentId: string | null; automated: boolean; at: number },
  ): BackupRecord {
    const backup: BackupRecord = {
      id: newId(),
      account: original.account,
      name: copy.name,
      description: copy.description,
      source: original.source,
      parentId: copy.parentId,
      datastore: this.#datastoreOf(original),
      flavorRam: original.flavorRam,
      volumeSize: original.volumeSize,
      automated: copy.automated,
      createdAt: copy.at,
      origin,
    };
    this.backups.set(backup.id, backup);
    return backup;
  }

  /** The backup of this region that is the same backup as `original` of another (its copy, or its original). */
  copyOf(account: string, origin: BackupOrigin, at: number): BackupRecord | undefined {
    for (const backup of this.backups.values()) {
      if (backup.account !== account || !this.#existsAt(backup, at) || this.isBeingDeleted(backup)) continue;
      const own = this.#originOf(backup);
      if (own.region === origin.region && own.id === origin.id) return backup;
    }
    return undefined;
  }

  /**
   * Deletes a backup and every incremental backup built on it, as upstream Trove's `Backup.delete` does:
   * children first (post-order, in creation order), each deletion accepted on its own. The first running
   * backup met stops it with 422 naming that backup, and what was deleted before it stays deleted. The
   * deletions run `backupPhaseSeconds.deleting` later: until then the backups show unchanged.
   */
  deleteBackup(account: string, id: string): void {
    const running = this.#deleteWithIncrementals(this.getBackup(account, id), this.now());
    if (running) throw unprocessable(`Backup ${running.id} cannot be deleted because it is running.`);
  }

  isRunning(backup: BackupRecord): boolean {
    return isRunningAt(backup, this.now(), this.config);
  }

  // ---- instances and HA ----

  restore(account: string, input: RestoreInput): InstanceRecord {
    const backup = this.getBackup(account, input.restorePoint.backupRef);
    const status = statusAt(backup, this.now(), this.config);
    if (status !== "COMPLETED" && status !== "RESTORED") {
      throw conflict(`Unable to create instance because backup ${backup.id} is not completed. Actual state: ${status}.`);
    }
    let instances = 0;
    for (const instance of this.instances.values()) if (instance.account === account && !instance.deleted) instances++;
    if (instances >= this.config.quotas.instances) throw quotaExceeded("instances");
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

  /** An instance of the account that is not deleted; 404 with Trove's message otherwise. */
  getInstance(account: string, id: string): InstanceRecord {
    const instance = this.instances.get(id);
    if (!instance || instance.account !== account || instance.deleted) throw notFound(`Resource ${id} cannot be found.`);
    return instance;
  }

  /** A datastore type the service offers (any case); 404 with Trove's message otherwise. */
  requireDatastore(type: string): void {
    if (!DATASTORE_TYPES.includes(type.toLowerCase())) throw notFound(`Datastore '${type}' cannot be found.`);
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
    if (input.copy_to) this.#copyTargets(input.copy_to);
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

  updateSchedule(account: string, id: string, input: ScheduleUpdate): void {
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
    const name = `${full ? "full" : "incremental"}-${new Date(at).toISOString().slice(0, 16)}`;
    const input: CreateBackupInput =
      schedule.source.type === "ha"
        ? { name, instance: null, source: { type: "ha", id: schedule.source.id } }
        : { name, instance: schedule.source.id };
    let backup: BackupRecord;
    try {
      backup = this.createBackup(
        schedule.account,
        { ...input, description: `Scheduled backup (schedule ${schedule.id})`, ...(parent ? { parent_id: parent.id } : {}) },
        { automated: true, at },
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return; // the source is gone: nothing to back up
      throw error;
    }
    // Checked when each copy is made: a parent whose copy is gone by then leaves that region out.
    if (schedule.copyTo && schedule.copyTo.length > 0) backup.copyTo = schedule.copyTo.map((region) => region.toLowerCase());
    if (!parent) this.#applyRetention(schedule, at);
  }

  /** Keeps the newest `full_backup_retention` automated full backups of the source (with their incrementals). */
  #applyRetention(schedule: ScheduleRecord, at: number): void {
    const keep = schedule.fullBackupRetention ?? DEFAULT_FULL_BACKUP_RETENTION;
    const fulls = [...this.backups.values()]
      .filter(
        (backup) => backup.account === schedule.account && backup.automated && backup.parentId === null && !this.isBeingDeleted(backup),
      )
      .filter((backup) => backup.source.type === schedule.source.type && backup.source.id === schedule.source.id)
      .sort((a, b) => b.createdAt - a.createdAt);
    // A full backup whose incremental still runs is kept whole until a later run: unlike a delete
    // request, nobody would see a 422 for a deletion that stopped halfway.
    for (const old of fulls.slice(keep)) if (!this.#runningWithin(old, at)) this.#deleteWithIncrementals(old, at);
  }

  /** Whether the backup or an incremental built on it (recursively) is running at `at`. */
  #runningWithin(backup: BackupRecord, at: number): boolean {
    if (this.#runningAt(backup, at)) return true;
    for (const child of this.backups.values())
      if (child.parentId === backup.id && this.#existsAt(child, at) && this.#runningWithin(child, at)) return true;
    return false;
  }

  /** Marks the backup and its incrementals deleted as of `at`, children first; the running backup that stopped it, if any. */
  #deleteWithIncrementals(backup: BackupRecord, at: number): BackupRecord | undefined {
    for (const child of this.backups.values()) {
      if (child.parentId !== backup.id || !this.#existsAt(child, at)) continue;
      const running = this.#deleteWithIncrementals(child, at);
      if (running) return running;
    }
    if (this.#runningAt(backup, at)) return backup;
    backup.goneAt ??= at + this.config.backupPhaseSeconds.deleting * 1000;
    return undefined;
  }

  /** Running, unless hung: upstream Trove lets a backup "running" for days be deleted. */
  #runningAt(backup: BackupRecord, at: number): boolean {
    return isRunningAt(backup, at, this.config) && at - backup.createdAt < HUNG_AFTER_MS;
  }

  #existsAt(backup: BackupRecord, at: number): boolean {
    return backup.goneAt === undefined || at < backup.goneAt;
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
    return this.getInstance(account, source.id);
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
      .filter((backup) => (!automatedOnly || backup.automated) && !this.isBeingDeleted(backup))
      .filter((backup) => backup.createdAt <= at && statusAt(backup, at, this.config) === "COMPLETED")
      .sort((a, b) => completedAt(b, this.config) - completedAt(a, this.config))[0];
  }

  /**
   * The regions (lower case) of a `copy_to` or `target_backup_region`: other than this one, and only
   * between the regions the pages name (the schema's Region: LON is not supported, as a target or a source).
   */
  #copyTargets(regions: readonly string[]): string[] {
    if (!this.directory?.region(this.region) || this.region === "lon") {
      throw badRequest(
        `Backups of ${this.region.toUpperCase()} cannot be copied: the source and destination regions of a copy can be DFW, IAD, ORD, HKG, SYD.`,
      );
    }
    return regions.map((name) => {
      const target = name.toLowerCase();
      if (target === this.region) throw badRequest(`The backup is in ${name} already: copy it to another region.`);
      if (!this.directory?.region(target)) throw badRequest(`${name} is not a region of this sandbox.`);
      return target;
    });
  }

  /** The copy of an incremental's parent in `target`; 400 without one, as the copy pages say. */
  #parentCopyIn(target: string, parent: BackupRecord, at: number, what: string): BackupRecord {
    const copy = this.directory!.region(target)!.copyOf(parent.account, this.#originOf(parent), at);
    if (!copy) {
      throw badRequest(
        `The parent ${parent.id} of ${what} is not in ${target.toUpperCase()}: copy the parent there first, then its incrementals in order.`,
      );
    }
    return copy;
  }

  /** Makes the `copy_to` copies of a backup that has completed, as of its completion. */
  #copyCompleted(backup: BackupRecord): void {
    const targets = backup.copyTo ?? [];
    backup.copyTo = undefined;
    const at = completedAt(backup, this.config);
    const parent = backup.parentId === null ? undefined : this.backups.get(backup.parentId);
    for (const target of targets) {
      const destination = this.directory?.region(target);
      const parentCopy = parent ? destination?.copyOf(parent.account, this.#originOf(parent), at) : undefined;
      // A scheduled incremental whose parent has no copy there (deleted since) cannot be copied there, nor
      // any backup into a region where the account has no room left (the copy is left out, as a request would be refused).
      if (!destination || (parent && !parentCopy) || !destination.hasBackupRoom(backup.account)) continue;
      destination.receiveCopy(backup, this.#originOf(backup), {
        name: backup.name,
        description: backup.description,
        parentId: parentCopy?.id ?? null,
        automated: backup.automated,
        at,
      });
    }
  }

  #originOf(backup: BackupRecord): BackupOrigin {
    return backup.origin ?? { region: this.region, id: backup.id };
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
