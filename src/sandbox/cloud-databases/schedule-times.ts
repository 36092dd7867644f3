import type { ScheduleRecord } from "./model.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A schedule runs every day at hour:minute UTC: a full backup on `day_of_week` (every day for 7) and an
 * incremental backup on the other days (Rackspace "Create scheduled backup").
 */
function dailyTime(schedule: ScheduleRecord, dayStart: number): number {
  return dayStart + (schedule.hour * 60 + schedule.minute) * 60 * 1000;
}

const startOfUtcDay = (at: number): number => Math.floor(at / DAY_MS) * DAY_MS;

/** The run times in (from, to], oldest first. */
export function runsBetween(schedule: ScheduleRecord, from: number, to: number): number[] {
  const runs: number[] = [];
  for (let day = startOfUtcDay(from); day <= to; day += DAY_MS) {
    const at = dailyTime(schedule, day);
    if (at > from && at <= to) runs.push(at);
  }
  return runs;
}

/** The next full-backup run strictly after `after` (what `next_run` shows). */
export function nextRunAfter(schedule: ScheduleRecord, after: number): number {
  for (let day = startOfUtcDay(after); ; day += DAY_MS) {
    const at = dailyTime(schedule, day);
    if (at > after && (schedule.dayOfWeek === 7 || new Date(at).getUTCDay() === schedule.dayOfWeek)) return at;
  }
}
