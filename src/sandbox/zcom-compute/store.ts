import { createHash } from "node:crypto";
import type { components } from "../../../generated/zcom-compute/schema.js";
import { ApiError, badRequest, notFound } from "../api-error.js";
import type { Clock } from "../clock.js";
import type { SandboxConfig } from "../config.js";
import { isoSeconds, newId } from "../ids.js";

/** A run as the spec types it: the boot disk (`instance`, or `server`) or an additional volume (`volume`). */
export type BackupRun = components["schemas"]["BackupRun"];

export interface ZcomBackupRecord {
  readonly id: string;
  readonly tenant: string;
  readonly instanceId: string;
  readonly createdAt: number;
  /** Runs of a documented backup are the example's, fixed; runs of a new one follow the clock. */
  readonly documentedRuns?: readonly BackupRun[];
}

export interface VmRecord {
  readonly id: string;
  readonly tenant: string;
}

/**
 * The state of the Z.com sandbox: the tenants' VMs and their backups. Enabling backup for a VM issues a
 * backup_id; from then on a run is taken every `zcomRunIntervalSeconds` and the newest
 * `zcomRunsKept` are kept (Z.com rotates backups: "deleted after 3 times use").
 */
export class ZcomComputeStore {
  readonly backups = new Map<string, ZcomBackupRecord>();
  readonly vms = new Map<string, VmRecord>();
  /** Images saved from backup runs (not exposed by the API described here). */
  readonly images: { readonly tenant: string; readonly backuprunId: string; readonly name: string }[] = [];

  constructor(
    readonly clock: Clock,
    readonly config: SandboxConfig,
  ) {}

  list(tenant: string): ZcomBackupRecord[] {
    return [...this.backups.values()].filter((backup) => backup.tenant === tenant).sort((a, b) => a.createdAt - b.createdAt);
  }

  get(tenant: string, id: string): ZcomBackupRecord {
    const backup = this.backups.get(id);
    if (!backup || backup.tenant !== tenant) throw notFound(`Backup ${id} could not be found.`);
    return backup;
  }

  enable(tenant: string, instanceId: string): ZcomBackupRecord {
    const vm = this.vms.get(instanceId);
    if (!vm || vm.tenant !== tenant) throw badRequest(`Instance ${instanceId} could not be found.`);
    if (this.list(tenant).some((backup) => backup.instanceId === instanceId)) {
      throw badRequest(`Backup is already enabled for instance ${instanceId}.`);
    }
    const backup: ZcomBackupRecord = { id: newId(), tenant, instanceId, createdAt: this.clock.now() };
    this.backups.set(backup.id, backup);
    return backup;
  }

  disable(tenant: string, id: string): void {
    this.backups.delete(this.get(tenant, id).id);
  }

  createImage(tenant: string, id: string, backuprunId: string, imageName: string): void {
    const run = this.runs(this.get(tenant, id)).find((candidate) => candidate.backuprun_id === backuprunId);
    if (!run) throw notFound(`Backup run ${backuprunId} could not be found in backup ${id}.`);
    if (run.status !== "available")
      throw badRequest(`Backup run ${backuprunId} is ${run.status}; only an available run can be saved as an image.`);
    if (this.images.filter((image) => image.tenant === tenant).length >= this.config.quotas.images)
      throw new ApiError(
        413,
        `Quota exceeded for images: the tenant keeps ${this.config.quotas.images} images, the most the sandbox allows.`,
      );
    this.images.push({ tenant, backuprunId, name: imageName });
  }

  /** The runs of a backup as of now: one per interval since it was enabled, the newest few kept. */
  runs(backup: ZcomBackupRecord): BackupRun[] {
    if (backup.documentedRuns) return [...backup.documentedRuns];
    const interval = this.config.zcomRunIntervalSeconds * 1000;
    const taken = Math.floor((this.clock.now() - backup.createdAt) / interval);
    const runs: BackupRun[] = [];
    for (let index = Math.max(1, taken - this.config.zcomRunsKept + 1); index <= taken; index++) {
      runs.push({
        status: "available",
        created_at: isoSeconds(backup.createdAt + index * interval),
        backuprun_id: runIdFor(backup.id, index),
        type: "instance",
      });
    }
    return runs;
  }
}

// A run's ID must be the same on every read, so it is derived from the backup and the run's number
// rather than drawn at random (32 hex digits, the backuprun_id format).
function runIdFor(backupId: string, index: number): string {
  return createHash("sha256").update(`${backupId}#${index}`).digest("hex").slice(0, 32);
}
