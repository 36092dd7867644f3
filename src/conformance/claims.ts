// What the spec documents for a request in a given situation, beyond what its schemas can say: the
// driver (conformance/trove/drive.py) tags a request with the id of the claim that applies, and the
// checker holds the answer to it. Each claim cites where the spec makes it.
import type { Exchange } from "./recording.js";

export interface Claim {
  /** What the spec says, and where. */
  readonly says: string;
  /** Why the recorded answer breaks the claim, or undefined when it keeps it. */
  readonly broken: (exchange: Exchange, body: unknown) => string | undefined;
}

const status =
  (...expected: number[]) =>
  (exchange: Exchange): string | undefined =>
    expected.includes(exchange.response.status) ? undefined : `expected ${expected.join(" or ")}, got ${exchange.response.status}`;

const success = (exchange: Exchange): string | undefined =>
  exchange.response.status >= 200 && exchange.response.status < 300 ? undefined : `expected a 2xx answer, got ${exchange.response.status}`;

export const CLAIMS: Readonly<Record<string, Claim>> = {
  succeeds: {
    says: "a valid request on an account's own, ready resources succeeds (each operation's 2xx response)",
    broken: success,
  },
  "not-found": {
    says: 'an unknown ID, or another account\'s backup or instance, is 404 itemNotFound (showBackup: "An unknown backup, or one of another account, is 404")',
    broken: status(404),
  },
  "instance-busy": {
    says: "createBackup: one backup at a time per instance; a backup of an instance that is building or already running a backup is 422 unprocessableEntity",
    broken: status(422),
  },
  "running-backup-not-deletable": {
    says: "deleteBackup: a backup that is still running cannot be deleted: 422",
    broken: status(422),
  },
  "restore-needs-completed-backup": {
    says: "restoreBackup: 409 conflict when the backup is not complete",
    broken: status(409),
  },
  "other-account-url": {
    says: "Getting started: an account the token does not belong to is 403",
    broken: status(403),
  },
  "schedules-served": {
    says: "listSchedules answers 200 with the account's schedules; createSchedule answers 202",
    broken: status(200, 202),
  },
  "page-cap": {
    says: "Limit parameter: with a limit above 20, Cloud Databases returns at most 20 backups",
    broken: (exchange, body) => {
      const unsuccessful = success(exchange);
      if (unsuccessful) return unsuccessful;
      const backups = (body as { backups?: unknown[] } | undefined)?.backups;
      return Array.isArray(backups) && backups.length > 20 ? `the page holds ${backups.length} backups` : undefined;
    },
  },
};
