// The schedule catch-up after the clock moves: the same backups as running every schedule day by day
// (tests/support/day-by-day-catch-up.ts, the sandbox's former way), at a cost that depends on what the
// schedules keep, not on how many days the clock skipped.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import type { BackupRecord } from "../../src/sandbox/cloud-databases/model.js";
import { CloudDatabasesStore } from "../../src/sandbox/cloud-databases/store.js";
import { DEFAULT_CONFIG, type SandboxConfig } from "../../src/sandbox/config.js";
import { seedCloudDatabases } from "../../src/sandbox/seed.js";
import { createSandbox } from "../../src/sandbox/server.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { dayByDayCatchUp } from "../support/day-by-day-catch-up.js";

const SEED = Number(process.env.FC_SEED ?? 20_260_412);
const DAY = 86_400;
const START = Date.parse("2026-01-05T12:00:00Z");
const spec = loadBundle(apiById("cloud-databases"));
const ACCOUNTS = ["1234", "5678"] as const;
const HA = "130922a2-b9ab-4e95-86be-9c5d79171b5e";

/** What one store holds, in its order, with the backups the catch-up made named by source and time (their IDs are random). */
function canonical(store: CloudDatabasesStore, known: ReadonlySet<string>): unknown {
  const nameOf = (id: string | null): string | null => {
    if (id === null) return null;
    const backup = store.backups.get(id);
    if (!backup || known.has(id)) return id;
    return `new ${backup.source.type} ${backup.source.id} @${new Date(backup.createdAt).toISOString()}`;
  };
  return {
    backups: [...store.backups.values()].map((backup) => {
      const { id, parentId, documented, ...rest } = backup;
      return { id: nameOf(id), parent: nameOf(parentId), documented: documented !== undefined, ...rest, source: { ...backup.source } };
    }),
    schedules: [...store.schedules.values()].map((schedule) => [schedule.id, schedule.lastScheduled]),
  };
}

/** A second store with the same records (schedules and instances copied: the catch-up changes them). */
function copyOf(store: CloudDatabasesStore, clock: ManualClock): CloudDatabasesStore {
  const copy = new CloudDatabasesStore(clock, store.config);
  for (const [id, backup] of store.backups) copy.backups.set(id, { ...backup });
  for (const [id, instance] of store.instances) copy.instances.set(id, { ...instance });
  for (const [id, ha] of store.haInstances) copy.haInstances.set(id, ha);
  for (const [id, schedule] of store.schedules) copy.schedules.set(id, { ...schedule });
  return copy;
}

type Command =
  | { readonly kind: "instance"; readonly account: 0 | 1 }
  | {
      readonly kind: "schedule";
      readonly pick: number;
      readonly ha: boolean;
      readonly day: number;
      readonly hour: number;
      readonly minute: number;
      readonly keep: number | undefined;
    }
  | {
      readonly kind: "update";
      readonly pick: number;
      readonly day?: number;
      readonly hour?: number;
      readonly keep?: number;
      readonly runNow: boolean;
    }
  | { readonly kind: "deleteSchedule"; readonly pick: number }
  | { readonly kind: "backup"; readonly pick: number; readonly incremental: boolean; readonly automated: boolean }
  | { readonly kind: "deleteBackup"; readonly pick: number }
  | { readonly kind: "deleteInstance"; readonly pick: number }
  /** The clock moves and the next request catches up. */
  | { readonly kind: "advance"; readonly seconds: number }
  /** The clock moves while a request is handled: what it does next happens after the catch-up's time. */
  | { readonly kind: "drift"; readonly seconds: number };

const pick = fc.nat(1_000);
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("instance" as const), account: fc.constantFrom(0 as const, 1 as const) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant("schedule" as const),
      pick,
      ha: fc.boolean(),
      day: fc.integer({ min: 0, max: 7 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      keep: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record(
      {
        kind: fc.constant("update" as const),
        pick,
        day: fc.integer({ min: 0, max: 7 }),
        hour: fc.integer({ min: 0, max: 23 }),
        keep: fc.integer({ min: 1, max: 4 }),
        runNow: fc.boolean(),
      },
      { requiredKeys: ["kind", "pick", "runNow"] },
    ),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("deleteSchedule" as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("backup" as const), pick, incremental: fc.boolean(), automated: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("deleteBackup" as const), pick }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("deleteInstance" as const), pick }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      seconds: fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 3 * DAY }), weight: 4 },
        { arbitrary: fc.integer({ min: 0, max: 60 * DAY }), weight: 3 },
        { arbitrary: fc.integer({ min: 0, max: 400 * DAY }), weight: 1 },
      ),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant("drift" as const), seconds: fc.integer({ min: 0, max: 2 * DAY }) }), weight: 1 },
);

/** Phases of a backup: the default, short ones, and (rarely) one longer than a day, when runs overlap. */
const phasesArbitrary = fc.oneof(
  { arbitrary: fc.constant(DEFAULT_CONFIG.backupPhaseSeconds), weight: 3 },
  {
    arbitrary: fc.record({
      new: fc.integer({ min: 0, max: 600 }),
      building: fc.integer({ min: 0, max: 6 * 3_600 }),
      deleting: fc.constant(2),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      new: fc.integer({ min: 0, max: 600 }),
      building: fc.integer({ min: DAY, max: 2 * DAY }),
      deleting: fc.constant(2),
    }),
    weight: 1,
  },
);

const nth = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

function apply(store: CloudDatabasesStore, command: Command, counter: { next: number }): void {
  const instances = [...store.instances.values()].filter((instance) => !instance.deleted);
  const attempt = (action: () => void) => {
    try {
      action();
    } catch {
      // A refusal (422, 404, …) changes nothing, as in the sandbox.
    }
  };
  switch (command.kind) {
    case "instance": {
      const id = `00000000-0000-4000-8000-${String(counter.next++).padStart(12, "0")}`;
      store.instances.set(id, {
        id,
        account: ACCOUNTS[command.account],
        name: id,
        datastore: undefined,
        flavorRam: 512,
        volumeSize: 2,
        deleted: false,
      });
      return;
    }
    case "schedule": {
      const instance = nth(instances, command.pick);
      const source = command.ha ? { source_id: HA, source_type: "ha" as const } : instance ? { instance_id: instance.id } : undefined;
      if (!source) return;
      const account = command.ha ? "1234" : instance!.account;
      attempt(() =>
        store.createSchedule(account, {
          action: "backup",
          day_of_week: command.day,
          hour: command.hour,
          minute: command.minute,
          ...source,
          ...(command.keep === undefined ? {} : { full_backup_retention: command.keep }),
        }),
      );
      return;
    }
    case "update": {
      const schedule = nth([...store.schedules.values()], command.pick);
      if (!schedule) return;
      attempt(() =>
        store.updateSchedule(schedule.account, schedule.id, {
          ...(command.day === undefined ? {} : { day_of_week: command.day }),
          ...(command.hour === undefined ? {} : { hour: command.hour }),
          ...(command.keep === undefined ? {} : { full_backup_retention: command.keep }),
          run_now: command.runNow,
        }),
      );
      return;
    }
    case "deleteSchedule": {
      const schedule = nth([...store.schedules.values()], command.pick);
      if (schedule) store.deleteSchedule(schedule.account, schedule.id);
      return;
    }
    case "backup": {
      const instance = nth(instances, command.pick);
      if (!instance) return;
      const parent = command.incremental
        ? [...store.backups.values()].filter((backup) => backup.source.id === instance.id).at(-1 - (command.pick % 3))
        : undefined;
      attempt(() =>
        store.createBackup(
          instance.account,
          { name: "manual", instance: instance.id, ...(parent ? { parent_id: parent.id } : {}) },
          { automated: command.automated },
        ),
      );
      return;
    }
    case "deleteBackup": {
      const backup: BackupRecord | undefined = nth([...store.backups.values()], command.pick);
      if (backup) attempt(() => store.deleteBackup(backup.account, backup.id));
      return;
    }
    case "deleteInstance": {
      const instance = nth(instances, command.pick);
      if (instance) attempt(() => store.deleteInstance(instance.account, instance.id));
      return;
    }
    case "advance":
    case "drift":
      return;
  }
}

describe("schedule catch-up", () => {
  it("makes, keeps and deletes the same backups as running every schedule day by day", () => {
    let compared = 0;
    fc.assert(
      fc.property(phasesArbitrary, fc.array(commandArbitrary, { minLength: 1, maxLength: 40 }), (phases, commands) => {
        const clock = new ManualClock(START);
        const config: SandboxConfig = { ...DEFAULT_CONFIG, adminToken: "admin", backupPhaseSeconds: phases };
        const store = new CloudDatabasesStore(clock, config);
        seedCloudDatabases(store, spec);
        const counter = { next: 0 };
        let caughtUpTo = clock.now();
        const catchUpBoth = () => {
          const known = new Set(store.backups.keys());
          const reference = copyOf(store, clock);
          store.catchUp();
          dayByDayCatchUp(reference, caughtUpTo, clock.now());
          caughtUpTo = clock.now();
          compared++;
          expect(canonical(store, known)).toEqual(canonical(reference, known));
        };
        for (const command of [...commands, { kind: "advance", seconds: 30 * DAY } as const]) {
          if (command.kind === "advance" || command.kind === "drift") clock.advance(command.seconds * 1000);
          if (command.kind === "advance") catchUpBoth();
          else apply(store, command, counter);
        }
      }),
      { numRuns: 250, seed: SEED },
    );
    expect(compared).toBeGreaterThan(500);
  });

  // 200 instances with a schedule each, then the clock jumps: the work is the runs that survive
  // retention (at most full_backup_retention weeks and a few days per schedule), whatever the jump.
  const scheduled = (count: number) => {
    const clock = new ManualClock(START);
    const store = new CloudDatabasesStore(clock, { ...DEFAULT_CONFIG, adminToken: "admin" });
    for (let index = 0; index < count; index++) {
      const id = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
      store.instances.set(id, { id, account: "1234", name: id, datastore: undefined, flavorRam: 512, volumeSize: 2, deleted: false });
      store.createSchedule("1234", { action: "backup", day_of_week: index % 8, hour: index % 24, minute: index % 60, instance_id: id });
    }
    return { clock, store };
  };
  // Whole weeks, so that both jumps end on the same weekday and hour.
  const workAfter = (weeks: number) => {
    const { clock, store } = scheduled(200);
    clock.advance(weeks * 7 * DAY * 1000);
    store.catchUp();
    return { work: store.catchUpWork, backups: store.backups.size };
  };

  it("costs as many work units for a ten-year jump as for a two-year one, a few dozen per schedule", () => {
    const twoYears = workAfter(104);
    const tenYears = workAfter(522);
    expect(tenYears).toEqual(twoYears);
    // Default retention 2: at most two weeks and six days of runs per schedule, plus the runs simulated one by one.
    expect(twoYears.work).toBeLessThanOrEqual(200 * 30);
    expect(twoYears.backups).toBeLessThanOrEqual(200 * 20);
  });

  it("answers the first request after a two-year jump with 200 schedules quickly (a figure, not a limit)", async () => {
    const clock = new ManualClock(START);
    const sandbox = createSandbox({ clock });
    try {
      const { store } = { store: sandbox.cloudDatabases };
      for (let index = 0; index < 200; index++) {
        const id = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
        store.instances.set(id, { id, account: "1234", name: id, datastore: undefined, flavorRam: 512, volumeSize: 2, deleted: false });
        store.createSchedule("1234", { action: "backup", day_of_week: index % 8, hour: index % 24, minute: index % 60, instance_id: id });
      }
      const moved = await sandbox.app.inject({
        method: "POST",
        url: "/_sandbox/clock",
        headers: { "x-auth-token": sandbox.config.adminToken },
        payload: { advanceSeconds: Math.round(2 * 365.25 * DAY) },
      });
      expect(moved.statusCode).toBe(200);
      const started = performance.now();
      const answer = await sandbox.app.inject({ url: "/v1.0/1234/backups?limit=1", headers: { "x-auth-token": "demo-token" } });
      const ms = performance.now() - started;
      expect(answer.statusCode).toBe(200);
      console.log(`first request after a two-year jump with 200 schedules: ${ms.toFixed(0)} ms (${store.backups.size} backups kept)`);
    } finally {
      await sandbox.close();
    }
  });
});
