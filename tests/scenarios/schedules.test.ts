import { afterEach, describe, expect, it } from "vitest";
import { ACCOUNT, HA, INSTANCE, useSandbox } from "../support/sandbox-session.js";

const session = useSandbox();
const path = { accountId: ACCOUNT };
const DAY = 24 * 60 * 60 * 1000;
afterEach(() => expect(session.sandbox().violations).toEqual([]));

const automatedBackupsOf = async (sourceId: string) =>
  (await session.db().GET("/{accountId}/backups", { params: { path } })).data!.backups.filter(
    (backup) => (backup.is_automated === 1 || backup.is_automated === true) && backup.source?.id === sourceId,
  );

describe("scheduled backups", () => {
  it("create backups when due on the clock: a full backup on day_of_week, incrementals on the other days", async () => {
    const now = new Date(session.clock.now());
    const created = await session.db().POST("/{accountId}/schedules", {
      params: { path },
      body: {
        schedule: { action: "backup", day_of_week: now.getUTCDay(), hour: (now.getUTCHours() + 1) % 24, minute: 0, instance_id: INSTANCE },
      },
    });
    expect(created.response.status).toBe(202);
    const schedule = created.data!.schedule;
    expect(await automatedBackupsOf(INSTANCE)).toEqual([]);

    session.clock.advance(
      Date.parse(schedule.next_run.endsWith("Z") ? schedule.next_run : `${schedule.next_run}Z`) - session.clock.now() + 1_000,
    );
    const first = await automatedBackupsOf(INSTANCE);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ parent_id: null, type: "InnoBackupEx" });

    session.clock.advance(DAY);
    const second = await automatedBackupsOf(INSTANCE);
    expect(second).toHaveLength(2);
    const incremental = second.find((backup) => backup.parent_id !== null)!;
    expect(incremental).toMatchObject({ parent_id: first[0]!.id, type: "InnoBackupExIncremental" });

    const shown = await session.db().GET("/{accountId}/schedules/{scheduleId}", { params: { path: { ...path, scheduleId: schedule.id } } });
    expect(shown.data!.schedule.last_scheduled).not.toBeNull();
  });

  it("keep full_backup_retention full automated backups", async () => {
    const created = await session.db().POST("/{accountId}/schedules", {
      params: { path },
      body: {
        schedule: { action: "backup", day_of_week: 7, hour: 0, minute: 0, source_id: HA, source_type: "ha", full_backup_retention: 2 },
      },
    });
    expect(created.response.status).toBe(202);
    session.clock.advance(5 * DAY);
    const fulls = (await automatedBackupsOf(HA)).filter((backup) => backup.parent_id === null);
    expect(fulls).toHaveLength(2);
  });

  it("run_now takes a backup at once, and a second schedule of the same source is a 422", async () => {
    const scheduleId = "2e351a71-dd28-4bcb-a7d6-d36a5b487173"; // the documented schedule of instance 44b277eb-…
    const updated = await session
      .db()
      .PUT("/{accountId}/schedules/{scheduleId}", { params: { path: { ...path, scheduleId } }, body: { schedule: { run_now: "true" } } });
    expect(updated.response.status).toBe(202);
    expect(await automatedBackupsOf("44b277eb-39be-4921-be31-3d61b43651d7")).toHaveLength(1);
    const duplicate = await session.db().POST("/{accountId}/schedules", {
      params: { path },
      body: { schedule: { action: "backup", day_of_week: 1, hour: 1, minute: 1, instance_id: "44b277eb-39be-4921-be31-3d61b43651d7" } },
    });
    expect(duplicate.response.status).toBe(422);
  });

  it("a deleted schedule is 404 and takes no more backups", async () => {
    const scheduleId = "2e351a71-dd28-4bcb-a7d6-d36a5b487173";
    expect(
      (await session.db().DELETE("/{accountId}/schedules/{scheduleId}", { params: { path: { ...path, scheduleId } } })).response.status,
    ).toBe(202);
    expect(
      (await session.db().GET("/{accountId}/schedules/{scheduleId}", { params: { path: { ...path, scheduleId } } })).response.status,
    ).toBe(404);
    session.clock.advance(8 * DAY);
    expect(await automatedBackupsOf("44b277eb-39be-4921-be31-3d61b43651d7")).toEqual([]);
  });
});
