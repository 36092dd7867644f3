import type { SandboxConfig } from "../config.js";
import type { BackupRecord, BackupStatus } from "./model.js";

export const RUNNING_STATES: readonly BackupStatus[] = ["NEW", "BUILDING", "SAVING"];
/** Upstream Trove lets a "running" backup older than this be deleted as hung (running_backups_expires). */
export const HUNG_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

/** A backup's state at simulated time `at`: NEW, then BUILDING, then COMPLETED, on the configured durations. */
export function statusAt(backup: BackupRecord, at: number, config: SandboxConfig): BackupStatus {
  if (backup.documented) return backup.documented.status as BackupStatus;
  const age = at - backup.createdAt;
  if (age < config.backupPhaseSeconds.new * 1000) return "NEW";
  if (age < (config.backupPhaseSeconds.new + config.backupPhaseSeconds.building) * 1000) return "BUILDING";
  return "COMPLETED";
}

/** When the backup last changed state, as of `at` (its `updated`). */
export function updatedAt(backup: BackupRecord, at: number, config: SandboxConfig): number {
  const status = statusAt(backup, at, config);
  if (status === "NEW") return backup.createdAt;
  if (status === "BUILDING") return backup.createdAt + config.backupPhaseSeconds.new * 1000;
  return completedAt(backup, config);
}

export function completedAt(backup: BackupRecord, config: SandboxConfig): number {
  return backup.createdAt + (config.backupPhaseSeconds.new + config.backupPhaseSeconds.building) * 1000;
}

export const isRunningAt = (backup: BackupRecord, at: number, config: SandboxConfig): boolean =>
  RUNNING_STATES.includes(statusAt(backup, at, config));
