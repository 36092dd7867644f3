// What a schedule's runs in a stretch of simulated time leave behind, computed from the runs that
// survive retention rather than by running every day.
//
// A schedule runs daily (schedule-times.ts): a full backup on `day_of_week`, otherwise an incremental
// on the latest completed automated backup; one backup at a time per source (a run meeting a running
// backup is skipped); after each full backup only the newest `full_backup_retention` automated full
// backups are kept, each deleted with its incrementals. Running every day of a two-year jump, for 200
// schedules, scanning every backup at each run, blocked the event loop for tens of seconds.
//
// Once the backups that existed before the stretch can no longer matter (none running, none newer
// than the day before), every run happens, each incremental's parent is the run before, and each full
// starts a new chain. Then the end state is known without the days in between: the chains of the
// newest `full_backup_retention` fulls survive, and every older automated full of the source goes,
// with its incrementals. So the runs up to that point are simulated one by one (a few days at most),
// and after it only the runs that survive are made: work in proportion to what is kept.
import type { SandboxConfig } from "../config.js";
import { completedAt, HUNG_AFTER_MS, isRunningAt, RUNNING_STATES, statusAt } from "./lifecycle.js";
import type { BackupRecord, BackupStatus, Datastore, ScheduleRecord } from "./model.js";

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_FULL_BACKUP_RETENTION = 2;

/** The schedule's source as createBackup would find it: there (with what a backup copies from it) or gone. */
export type SourceState =
  | { readonly available: false }
  | {
      readonly available: true;
      readonly datastore: Datastore | undefined;
      readonly flavorRam: number | undefined;
      readonly volumeSize: number | undefined;
    };

export interface CatchUpPlan {
  /** The last run's time, or null when no run fell in the stretch. */
  readonly lastScheduled: number | null;
  /** Backups that existed before and are deleted (each with its incrementals, wherever they are). */
  readonly deleted: readonly BackupRecord[];
  /**
   * New backups, oldest first. Their `id` is a placeholder (`planned:<n>`), and so is a `parentId` naming
   * another new backup; the store gives them IDs.
   */
  readonly created: readonly BackupRecord[];
  /** Runs simulated one by one plus backups made: what the catch-up cost (tests count it). */
  readonly work: number;
}

/** The run times of `schedule` in (from, to]: `first + k × day` for k < count. */
function runTimes(schedule: ScheduleRecord, from: number, to: number): { first: number; count: number } {
  const offset = (schedule.hour * 60 + schedule.minute) * 60 * 1000;
  let first = Math.floor(from / DAY_MS) * DAY_MS + offset;
  if (first <= from) first += DAY_MS;
  return { first, count: first > to ? 0 : Math.floor((to - first) / DAY_MS) + 1 };
}

const isFullDay = (schedule: ScheduleRecord, at: number): boolean =>
  schedule.dayOfWeek === 7 || new Date(at).getUTCDay() === schedule.dayOfWeek;

/** How long after its creation a backup that existed before can make a run skip: while it runs, and not once it is hung. */
function blockingFor(backup: BackupRecord, config: SandboxConfig): number {
  if (backup.documented) return RUNNING_STATES.includes(backup.documented.status as BackupStatus) ? HUNG_AFTER_MS : 0;
  return Math.min(HUNG_AFTER_MS, (config.backupPhaseSeconds.new + config.backupPhaseSeconds.building) * 1000);
}

/**
 * The runs of `schedule` in (from, to] and what they leave. `existing` holds the backups of the
 * schedule's source (every account's, in the store's order), `source` what createBackup would find.
 */
export function planCatchUp(
  schedule: ScheduleRecord,
  from: number,
  to: number,
  existing: readonly BackupRecord[],
  source: SourceState,
  config: SandboxConfig,
): CatchUpPlan {
  const { first, count } = runTimes(schedule, from, to);
  if (count === 0) return { lastScheduled: null, deleted: [], created: [], work: 0 };
  const last = first + (count - 1) * DAY_MS;
  // A source that is gone makes every run a no-op but for lastScheduled; it cannot come back meanwhile.
  if (!source.available) return { lastScheduled: last, deleted: [], created: [], work: 1 };

  const sim = new SourceSimulation(schedule, existing, source, config);
  const keep = schedule.fullBackupRetention ?? DEFAULT_FULL_BACKUP_RETENTION;
  const phaseMs = (config.backupPhaseSeconds.new + config.backupPhaseSeconds.building) * 1000;
  // From `settled` on, nothing that existed before can skip a run or be a run's parent.
  let settled = Number.NEGATIVE_INFINITY;
  for (const backup of existing) settled = Math.max(settled, backup.createdAt + DAY_MS, backup.createdAt + blockingFor(backup, config));

  // The shortcut needs every run to happen and to complete before the next (a backup's phases under a
  // day) and a retention of at least one full; otherwise, and until the settled point's first full
  // run, every run is simulated.
  const shortcut = phaseMs < DAY_MS && keep >= 1;
  let index = 0;
  for (; index < count; index++) {
    const at = first + index * DAY_MS;
    if (shortcut && at > settled && isFullDay(schedule, at)) break;
    sim.run(at);
  }
  if (index < count) sim.runRegular(first, index, count, keep);
  return { lastScheduled: last, deleted: sim.deletedExisting, created: sim.created(), work: sim.work };
}

/** The backups of one source through a catch-up: those that existed, and the new ones, as they come and go. */
class SourceSimulation {
  /** Alive backups of the source, in the store's order (new ones at the end, as the store adds them). */
  readonly #alive: BackupRecord[];
  readonly #existing: ReadonlySet<BackupRecord>;
  readonly deletedExisting: BackupRecord[] = [];
  #planned = 0;
  work = 0;

  constructor(
    readonly schedule: ScheduleRecord,
    existing: readonly BackupRecord[],
    readonly source: Extract<SourceState, { available: true }>,
    readonly config: SandboxConfig,
  ) {
    this.#alive = [...existing];
    this.#existing = new Set(existing);
  }

  created(): BackupRecord[] {
    return this.#alive.filter((backup) => !this.#existing.has(backup));
  }

  /** One run at `at`, as the store's runSchedule: skipped while a backup of the source runs; a full, or an incremental on the latest completed automated backup. */
  run(at: number): void {
    this.work++;
    if (this.#runningAt(at)) return;
    const full = isFullDay(this.schedule, at);
    const parent = full ? undefined : this.#latestCompleted(at);
    this.#add(at, full, parent?.id ?? null);
    if (!parent) this.#applyRetention(at);
  }

  /**
   * Runs `from`..`count - 1` (by index from `first`), the first of them a full: every run happens, a
   * full starts a chain and an incremental continues the run before. Only the runs from the
   * `keep`-th newest full on survive; the older automated fulls of the source go with their chains.
   */
  runRegular(first: number, from: number, count: number, keep: number): void {
    const fullEvery = this.schedule.dayOfWeek === 7 ? 1 : 7;
    const fulls = Math.floor((count - 1 - from) / fullEvery) + 1;
    const start = fulls >= keep ? from + (fulls - keep) * fullEvery : from;
    const olderKept = Math.max(0, keep - fulls);
    for (const old of this.#fullsNewestFirst().slice(olderKept)) this.#deleteWithIncrementals(old);
    let previous: string | null = null;
    for (let index = start; index < count; index++) {
      const at = first + index * DAY_MS;
      const full = (index - from) % fullEvery === 0;
      previous = this.#add(at, full, full ? null : previous).id;
    }
  }

  #add(at: number, full: boolean, parentId: string | null): BackupRecord {
    this.work++;
    const { schedule, source } = this;
    const backup: BackupRecord = {
      id: `planned:${this.#planned++}`,
      account: schedule.account,
      name: `${full ? "full" : "incremental"}-${new Date(at).toISOString().slice(0, 16)}`,
      description: `Scheduled backup (schedule ${schedule.id})`,
      source: { type: schedule.source.type, id: schedule.source.id },
      parentId,
      datastore: source.datastore,
      flavorRam: source.flavorRam,
      volumeSize: source.volumeSize,
      automated: true,
      createdAt: at,
    };
    this.#alive.push(backup);
    return backup;
  }

  #runningAt(at: number): boolean {
    return this.#alive.some(
      (backup) => backup.createdAt <= at && isRunningAt(backup, at, this.config) && at - backup.createdAt < HUNG_AFTER_MS,
    );
  }

  #latestCompleted(at: number): BackupRecord | undefined {
    return this.#alive
      .filter((backup) => backup.account === this.schedule.account && backup.automated)
      .filter((backup) => backup.createdAt <= at && statusAt(backup, at, this.config) === "COMPLETED")
      .sort((a, b) => completedAt(b, this.config) - completedAt(a, this.config))[0];
  }

  /** The automated full backups of the schedule's account, newest first (ties in the store's order, as its sort). */
  #fullsNewestFirst(): BackupRecord[] {
    return this.#alive
      .filter((backup) => backup.account === this.schedule.account && backup.automated && backup.parentId === null)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** As the store's retention: a full backup whose chain still runs is kept whole until a later run (no half-deleted chain). */
  #applyRetention(at: number): void {
    const keep = this.schedule.fullBackupRetention ?? DEFAULT_FULL_BACKUP_RETENTION;
    for (const old of this.#fullsNewestFirst().slice(keep)) if (!this.#chainRunningAt(old, at)) this.#deleteWithIncrementals(old);
  }

  #chainRunningAt(backup: BackupRecord, at: number): boolean {
    if (backup.createdAt <= at && isRunningAt(backup, at, this.config) && at - backup.createdAt < HUNG_AFTER_MS) return true;
    return this.#alive.some((child) => child.parentId === backup.id && this.#chainRunningAt(child, at));
  }

  #deleteWithIncrementals(backup: BackupRecord): void {
    for (const child of this.#alive.filter((candidate) => candidate.parentId === backup.id)) this.#deleteWithIncrementals(child);
    const index = this.#alive.indexOf(backup);
    if (index < 0) return;
    this.#alive.splice(index, 1);
    if (this.#existing.has(backup)) this.deletedExisting.push(backup);
  }
}
