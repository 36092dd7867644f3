// A model of the demo account's Cloud Databases backups for fast-check's model-based testing: which
// backups exist that the test knows of (the documented ones, and every one it created), which it deleted
// and when their deletion runs, and which backup each incremental builds on. Deleting a backup deletes
// its incrementals first, children before parents in creation order, and stops with 422 at the first
// running one, keeping what it deleted before it (Trove's Backup.delete); a deleted backup is still shown
// until its deletion runs. A schedule's retention may delete automated backups, the model does not know
// those, so an incremental built on one lives exactly as long as its parent. Everything else the test
// knows of must stay.
import fc from "fast-check";
import { expect } from "vitest";
import type { ApiId } from "../../src/apis.js";
import type { ManualClock } from "../../src/sandbox/clock.js";
import {
  type ApiContext,
  IdRef,
  type RequestCase,
  type RequestRunner,
  requestCaseArbitrary,
  type SentRequest,
} from "./sandbox-requests.js";
import { sendClean, validCase } from "./sandbox-warm-up.js";

interface Source {
  readonly type: "instance" | "ha";
  readonly id: string;
}

export interface ModelBackup {
  readonly id: string;
  readonly parentId: string | null;
  readonly source: Source;
  /** Simulated creation time of a backup the test created; undefined for a documented one. */
  readonly createdAt: number | undefined;
  /** When the backup's accepted deletion runs (simulated ms); undefined while no delete was accepted. */
  goneAt: number | undefined;
}

export interface BackupModel {
  readonly known: Map<string, ModelBackup>;
}

export interface Real {
  readonly runner: RequestRunner;
  readonly clock: ManualClock;
}

interface ListedBackup {
  id: string;
  parent_id: string | null;
  source?: Source;
  instance_id: string | null;
  is_automated?: unknown;
}

/** Every backup of the demo account, through listBackups and its `next` links. */
export async function listAll(runner: RequestRunner, limit = 20): Promise<ListedBackup[]> {
  const listed: ListedBackup[] = [];
  let query: Record<string, string> = { limit: String(limit) };
  for (let page = 0; page < 1_000; page++) {
    const sent = await sendClean(runner, validCase("cloud-databases", "listBackups", "GET", { query }));
    expect(sent.status).toBe(200);
    const body = sent.body as { backups: ListedBackup[]; links?: { href: string; rel: string }[] };
    listed.push(...body.backups);
    const next = body.links?.find((link) => link.rel === "next");
    if (!next) return listed;
    query = Object.fromEntries(new URL(next.href).searchParams);
  }
  throw new Error("listBackups links never end");
}

const sourceOf = (backup: ListedBackup): Source => backup.source ?? { type: "instance", id: String(backup.instance_id) };

export async function startModel(runner: RequestRunner, clock: ManualClock): Promise<{ model: BackupModel; real: Real }> {
  const known = new Map<string, ModelBackup>();
  for (const backup of await listAll(runner)) {
    if (backup.is_automated === 1 || backup.is_automated === true) continue;
    known.set(backup.id, { id: backup.id, parentId: backup.parent_id, source: sourceOf(backup), createdAt: undefined, goneAt: undefined });
  }
  return { model: { known }, real: { runner, clock } };
}

const gone = (backup: ModelBackup, now: number): boolean => backup.goneAt !== undefined && now >= backup.goneAt;

/**
 * Whether a backup the model knows must exist at `now`: its deletion has not run, and its parent must
 * exist. `present` answers for backups the model does not know (automated ones, which schedules make and
 * retention removes).
 */
export function expectedPresent(model: BackupModel, id: string, present: (id: string) => boolean, now: number): boolean {
  const backup = model.known.get(id);
  if (!backup) return present(id);
  if (gone(backup, now)) return false;
  return backup.parentId === null || expectedPresent(model, backup.parentId, present, now);
}

/** What a delete of a backup the model knows does: the backups it deletes, and the running one that stops it. */
export function planDelete(model: BackupModel, real: Real, id: string, now: number): { deletes: string[]; stoppedBy?: string } {
  const order = new Map([...real.runner.sandbox.cloudDatabases.backups.keys()].map((key, index) => [key, index]));
  const deletes: string[] = [];
  const visit = (nodeId: string): string | undefined => {
    const children = [...model.known.values()]
      .filter((child) => child.parentId === nodeId && !gone(child, now))
      .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    for (const child of children) {
      const stoppedBy = visit(child.id);
      if (stoppedBy) return stoppedBy;
    }
    const node = model.known.get(nodeId);
    if (node?.createdAt !== undefined && now - node.createdAt < runningFor(real)) return nodeId;
    deletes.push(nodeId);
    return undefined;
  };
  const stoppedBy = visit(id);
  return stoppedBy === undefined ? { deletes } : { deletes, stoppedBy };
}

/** What a create or delete means for the model (any request, generated or not). */
export function observe(model: BackupModel, real: Real, sent: SentRequest, now: number): void {
  const id = sent.operation.operationId;
  if (id === "createBackup" && sent.status === 202 && sent.requestCase.token === "demo") {
    const backup = (sent.body as { backup: ListedBackup }).backup;
    model.known.set(backup.id, { id: backup.id, parentId: backup.parent_id, source: sourceOf(backup), createdAt: now, goneAt: undefined });
  }
  if (id === "deleteBackup" && (sent.status === 202 || sent.status === 422) && sent.requestCase.token === "demo") {
    const root = sent.pathValues.backupId!;
    const store = real.runner.sandbox.cloudDatabases.backups;
    if (model.known.has(root)) {
      const goneAt = now + deletingFor(real);
      for (const deleted of planDelete(model, real, root, now).deletes) model.known.get(deleted)!.goneAt ??= goneAt;
    } else {
      // An automated backup: the model cannot know its other incrementals, so it takes what the sandbox did to its own.
      for (const backup of model.known.values())
        if (descendsFrom(model, backup, root) && store.has(backup.id)) backup.goneAt = store.get(backup.id)!.goneAt;
    }
  }
}

function descendsFrom(model: BackupModel, backup: ModelBackup, ancestor: string): boolean {
  for (let parent = backup.parentId; parent !== null; parent = model.known.get(parent)?.parentId ?? null)
    if (parent === ancestor) return true;
  return false;
}

/** Whether the sandbox shows the backup now (a deleted one until its deletion runs). */
const inStore = (real: Real) => (id: string) => {
  const backup = real.runner.sandbox.cloudDatabases.backups.get(id);
  return backup !== undefined && (backup.goneAt === undefined || real.clock.now() < backup.goneAt);
};
const runningFor = (real: Real) => {
  const phases = real.runner.sandbox.config.backupPhaseSeconds;
  return (phases.new + phases.building) * 1000;
};
const deletingFor = (real: Real) => real.runner.sandbox.config.backupPhaseSeconds.deleting * 1000;

/** The model's backups (deleted ones too) and what the sandbox holds now, in a stable order. */
function backupCandidates(model: BackupModel, real: Real): string[] {
  return [...new Set([...model.known.keys(), ...real.runner.pool("backup")])];
}

async function send(model: BackupModel, real: Real, requestCase: RequestCase): Promise<SentRequest> {
  const sent = await real.runner.send(requestCase);
  if (sent.problems.length > 0) throw new Error(sent.problems.join("; "));
  observe(model, real, sent, real.clock.now());
  return sent;
}

/**
 * The sandbox runs due schedules (and their retention) when a Cloud Databases request arrives. After the
 * clock moves, one harmless request lets that happen, so that what a command expects is computed from
 * the state its own request will meet.
 */
async function catchUp(real: Real): Promise<void> {
  await sendClean(real.runner, validCase("cloud-databases", "listSchedules", "GET"));
}

type Command = fc.AsyncCommand<BackupModel, Real, false>;

/** The generated index's instance or HA instance from the runner's pool, and whether it is an HA one. */
function pickSource(real: Real, index: number): { id: string; ha: boolean } {
  const sources = real.runner.pool("source");
  const id = sources[index % sources.length]!;
  return { id, ha: real.runner.pool("ha").includes(id) };
}

class CreateFull implements Command {
  constructor(
    readonly source: number,
    readonly name: string,
    readonly incremental: boolean,
  ) {}
  check = () => true;
  async run(model: BackupModel, real: Real) {
    const { id, ha } = pickSource(real, this.source);
    const backup = {
      name: this.name,
      ...(ha ? { instance: null, source: { type: "ha", id } } : { instance: id }),
      ...(this.incremental ? { incremental: 1 } : {}),
    };
    const sent = await send(model, real, validCase("cloud-databases", "createBackup", "POST", { body: { backup } }));
    expect([202, 422], sent.rawBody).toContain(sent.status);
    if (sent.status === 202) {
      const created = (sent.body as { backup: ListedBackup }).backup;
      expect(sourceOf(created)).toEqual({ type: ha ? "ha" : "instance", id });
      if (!this.incremental) expect(created.parent_id).toBeNull();
      else if (created.parent_id !== null) expect(inStore(real)(created.parent_id), "the parent of an incremental exists").toBe(true);
    }
  }
  toString = () => `CreateFull(source #${this.source}, ${JSON.stringify(this.name)}, incremental ${this.incremental})`;
}

class CreateIncremental implements Command {
  constructor(
    readonly parent: number,
    readonly name: string,
  ) {}
  check = (model: BackupModel) => model.known.size > 0;
  async run(model: BackupModel, real: Real) {
    const parents = [...model.known.values()];
    const parent = parents[this.parent % parents.length]!;
    const backup =
      parent.source.type === "ha"
        ? { name: this.name, instance: "", source: { type: "ha", id: parent.source.id }, parent_id: parent.id }
        : { name: this.name, instance: parent.source.id, parent_id: parent.id };
    const sent = await send(model, real, validCase("cloud-databases", "createBackup", "POST", { body: { backup } }));
    const exists = expectedPresent(model, parent.id, inStore(real), real.clock.now());
    // A busy source is refused (422) before the parent is looked up, as Trove does.
    expect(exists ? [202, 422] : [404, 422], sent.rawBody).toContain(sent.status);
    if (sent.status === 202) expect((sent.body as { backup: ListedBackup }).backup.parent_id).toBe(parent.id);
  }
  toString = () => `CreateIncremental(parent #${this.parent}, ${JSON.stringify(this.name)})`;
}

class Delete implements Command {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(model: BackupModel, real: Real) {
    const candidates = backupCandidates(model, real);
    if (candidates.length === 0) return;
    const id = candidates[this.pick % candidates.length]!;
    const now = real.clock.now();
    const existed = expectedPresent(model, id, inStore(real), now);
    const plan = model.known.has(id) ? planDelete(model, real, id, now) : undefined;
    const sent = await send(model, real, validCase("cloud-databases", "deleteBackup", "DELETE", { ids: { backupId: id } }));
    if (!existed) expect(sent.status, sent.rawBody).toBe(404);
    else if (plan?.stoppedBy !== undefined) {
      expect(sent.status, sent.rawBody).toBe(422);
      expect(sent.rawBody).toContain(`Backup ${plan.stoppedBy} cannot be deleted because it is running.`);
    } else if (plan) expect(sent.status, sent.rawBody).toBe(202);
    else expect([202, 422], sent.rawBody).toContain(sent.status);
    // Deleted or not, the backup still shows until the deletion runs.
    if (existed) expect(inStore(real)(id)).toBe(true);
  }
  toString = () => `Delete(#${this.pick})`;
}

class Show implements Command {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(model: BackupModel, real: Real) {
    const candidates = backupCandidates(model, real);
    if (candidates.length === 0) return;
    const id = candidates[this.pick % candidates.length]!;
    const sent = await send(model, real, validCase("cloud-databases", "showBackup", "GET", { ids: { backupId: id } }));
    if (expectedPresent(model, id, inStore(real), real.clock.now())) {
      expect(sent.status, sent.rawBody).toBe(200);
      expect((sent.body as { backup: { id: string } }).backup.id).toBe(id);
    } else expect(sent.status, sent.rawBody).toBe(404);
  }
  toString = () => `Show(#${this.pick})`;
}

class ListAll implements Command {
  constructor(readonly limit: number) {}
  check = () => true;
  async run(model: BackupModel, real: Real) {
    compareListing(model, await listAll(real.runner, this.limit), real.clock.now());
  }
  toString = () => `ListAll(limit ${this.limit})`;
}

class Advance implements Command {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(_model: BackupModel, real: Real) {
    real.clock.advance(this.seconds * 1000);
    await catchUp(real);
  }
  toString = () => `Advance(${this.seconds} s)`;
}

class Restore implements Command {
  constructor(readonly pick: number) {}
  check = (model: BackupModel) => model.known.size > 0;
  async run(model: BackupModel, real: Real) {
    const backups = [...model.known.values()];
    const backup = backups[this.pick % backups.length]!;
    const body = { instance: { name: `restore-${this.pick}`, flavorRef: 1, volume: { size: 2 }, restorePoint: { backupRef: backup.id } } };
    const sent = await send(model, real, validCase("cloud-databases", "restoreBackup", "POST", { body }));
    expect(expectedPresent(model, backup.id, inStore(real), real.clock.now()) ? [200, 409] : [404], sent.rawBody).toContain(sent.status);
  }
  toString = () => `Restore(#${this.pick})`;
}

class Schedule implements Command {
  constructor(
    readonly source: number,
    readonly dayOfWeek: number,
    readonly hour: number,
    readonly minute: number,
    readonly retention: number,
  ) {}
  check = () => true;
  async run(model: BackupModel, real: Real) {
    const { id, ha } = pickSource(real, this.source);
    const schedule = {
      action: "backup",
      day_of_week: this.dayOfWeek,
      hour: this.hour,
      minute: this.minute,
      full_backup_retention: this.retention,
      ...(ha ? { source_id: id, source_type: "ha" } : { instance_id: id }),
    };
    const sent = await send(model, real, validCase("cloud-databases", "createSchedule", "POST", { body: { schedule } }));
    expect([202, 422], sent.rawBody).toContain(sent.status);
  }
  toString = () => `Schedule(source #${this.source}, day ${this.dayOfWeek} ${this.hour}:${this.minute}, keep ${this.retention})`;
}

class RunNow implements Command {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(model: BackupModel, real: Real) {
    const sent = await send(
      model,
      real,
      validCase("cloud-databases", "updateSchedule", "PUT", {
        ids: { scheduleId: new IdRef("schedule", this.pick) },
        body: { schedule: { run_now: "true" } },
      }),
    );
    expect([202, 404], sent.rawBody).toContain(sent.status);
  }
  toString = () => `RunNow(schedule #${this.pick})`;
}

class Noise implements Command {
  constructor(readonly requestCase: RequestCase) {}
  check = () => true;
  async run(model: BackupModel, real: Real) {
    await send(model, real, this.requestCase);
    if (this.requestCase.advanceSeconds > 0) await catchUp(real);
  }
  toString = () => `Noise(${JSON.stringify(this.requestCase).slice(0, 600)})`;
}

/** The commands of one model run. */
export function backupCommands(apis: Record<ApiId, ApiContext>) {
  // A name the spec (and Trove) accepts: printable ASCII with at least one letter or digit.
  const printable = fc.string({ unit: "grapheme-ascii", maxLength: 8 });
  const name = fc
    .tuple(printable, fc.constantFrom(..."abcXYZ0189"), printable)
    .map(([before, required, after]) => `${before}${required}${after}`);
  const noise = fc.oneof(
    ...Object.values(apis).flatMap((api) => api.oracle.operations.map((operation) => requestCaseArbitrary(api, operation))),
  );
  return fc.commands(
    [
      fc.record({ source: fc.nat(), name, incremental: fc.boolean() }).map((c) => new CreateFull(c.source, c.name, c.incremental)),
      fc.record({ parent: fc.nat(), name }).map((c) => new CreateIncremental(c.parent, c.name)),
      fc.nat().map((pick) => new Delete(pick)),
      fc.nat().map((pick) => new Show(pick)),
      fc.integer({ min: 1, max: 25 }).map((limit) => new ListAll(limit)),
      fc.oneof(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 91, max: 3 * 86_400 })).map((seconds) => new Advance(seconds)),
      fc.nat().map((pick) => new Restore(pick)),
      fc
        .record({
          source: fc.nat(),
          day: fc.integer({ min: 0, max: 7 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          retention: fc.integer({ min: 1, max: 3 }),
        })
        .map((c) => new Schedule(c.source, c.day, c.hour, c.minute, c.retention)),
      fc.nat().map((pick) => new RunNow(pick)),
      noise.map((requestCase) => new Noise(requestCase)),
    ],
    { maxCommands: 40 },
  );
}

/** The listing agrees with the model: what must be there is, what was deleted is not, no orphans, no repeats. */
function compareListing(model: BackupModel, listed: readonly ListedBackup[], now: number): void {
  const ids = listed.map((backup) => backup.id);
  expect(new Set(ids).size, "a backup is listed twice").toBe(ids.length);
  const present = new Set(ids);
  for (const backup of model.known.values()) {
    expect(present.has(backup.id), `backup ${backup.id} (parent ${backup.parentId}, gone at ${backup.goneAt}, now ${now})`).toBe(
      expectedPresent(model, backup.id, (id) => present.has(id), now),
    );
  }
  for (const backup of listed) {
    if (backup.parent_id !== null) expect(present.has(backup.parent_id), `orphan incremental ${backup.id}`).toBe(true);
  }
}

/** After a run: the full listing agrees with the model, and showBackup finds exactly what should exist. */
export async function checkBackupsKept(model: BackupModel, real: Real): Promise<void> {
  const listed = await listAll(real.runner);
  const now = real.clock.now();
  compareListing(model, listed, now);
  const present = new Set(listed.map((backup) => backup.id));
  for (const backup of model.known.values()) {
    const sent = await sendClean(real.runner, validCase("cloud-databases", "showBackup", "GET", { ids: { backupId: backup.id } }));
    expect(sent.status, `showBackup ${backup.id}`).toBe(expectedPresent(model, backup.id, (id) => present.has(id), now) ? 200 : 404);
  }
}
