// The records the Cloud Databases sandbox keeps. Views (what the API returns) are built from them in
// views.ts; the lifecycle of a backup is derived from the clock, never stored.

export type BackupStatus = "NEW" | "BUILDING" | "SAVING" | "COMPLETED" | "FAILED" | "DELETE_FAILED" | "RESTORED";
export type SourceType = "instance" | "ha";

export interface Datastore {
  readonly type: string;
  readonly version: string;
  readonly version_id: string;
}

export interface BackupRecord {
  readonly id: string;
  readonly account: string;
  readonly name: string;
  readonly description: string | null;
  readonly source: { readonly type: SourceType; readonly id: string };
  readonly parentId: string | null;
  readonly datastore: Datastore | undefined;
  readonly flavorRam: number | undefined;
  readonly volumeSize: number | undefined;
  readonly automated: boolean;
  /** Simulated creation time (ms). */
  readonly createdAt: number;
  /**
   * A backup seeded from a documented example keeps the example's own fields and status: it is
   * returned exactly as the pages show it.
   */
  readonly documented?: Readonly<Record<string, unknown>>;
  /** The documented backup's `updated`, parsed (ms): it never changes. */
  readonly documentedUpdated?: number;
  /** Set when a delete was accepted: the simulated time (ms) from which the backup is gone. */
  goneAt?: number;
  /** For a copy: the backup it copies, in its own region (a copy of a copy names the first original). */
  readonly origin?: BackupOrigin;
  /** Regions (lower case) to copy the backup to once it has completed (`copy_to`); cleared once copied. */
  copyTo?: readonly string[];
}

/** Where a backup was first made: copies of it, in any region, share it. */
export interface BackupOrigin {
  readonly region: string;
  readonly id: string;
}

export interface InstanceRecord {
  readonly id: string;
  readonly account: string;
  readonly name: string;
  readonly datastore: Datastore | undefined;
  readonly flavorRam: number;
  readonly volumeSize: number;
  /** Deleted instances are gone from the API, but their backups stay. */
  deleted: boolean;
}

export interface HaRecord {
  readonly id: string;
  readonly account: string;
  readonly datastore: Datastore;
  readonly flavorRam: number;
  readonly volumeSize: number;
  /** The HA instance as its documented example shows it; `state` is derived. */
  readonly documented: Readonly<Record<string, unknown>>;
}

export interface ScheduleRecord {
  readonly id: string;
  readonly account: string;
  readonly source: { readonly type: SourceType; readonly id: string };
  /** The instance_id the schedule was created with (legacy field), or null for an HA schedule. */
  readonly instanceId: string | null;
  dayOfWeek: number;
  hour: number;
  minute: number;
  fullBackupRetention: number | null;
  readonly copyTo: readonly string[] | undefined;
  /** Simulated time of the last run, or null. */
  lastScheduled: number | null;
  readonly createdAt: number;
  updatedAt: number;
}
