import { CLOUD_DATABASES_REGIONS } from "../clients/endpoints.js";

/** Which account of each API a token may act on. */
export interface TokenGrant {
  /** The Cloud Databases accountId this token owns. */
  readonly cloudDatabasesAccount: string;
  /** The Z.com tenant_id this token owns. */
  readonly zcomTenant: string;
}

export interface SandboxConfig {
  /** Token → the accounts it owns. A request with any other token gets 401. */
  readonly tokens: Readonly<Record<string, TokenGrant>>;
  /**
   * Simulated seconds a new backup stays NEW, then BUILDING, before it is COMPLETED; and how long a
   * deleted backup is still shown, unchanged, before it is gone (Trove deletes in a background task).
   */
  readonly backupPhaseSeconds: { readonly new: number; readonly building: number; readonly deleting: number };
  /** Simulated seconds between two runs of an enabled Z.com backup (a day). */
  readonly zcomRunIntervalSeconds: number;
  /** Z.com keeps this many runs per backup; older ones are rotated out. */
  readonly zcomRunsKept: number;
  /** Validate every response against the spec and fail loudly when one does not match (tests). */
  readonly validateResponses: boolean;
  /** Request bodies larger than this get 413 (OpenStack oslo.middleware's max_request_body_size default). */
  readonly bodyLimitBytes: number;
  /** Page size of backup lists, and the largest `limit` honoured (Rackspace "Pagination"). */
  readonly pageSize: number;
  /**
   * Refuse request fields the spec does not define, with 400. Off by default: the servers accept and
   * ignore them (Trove's request schemas are open), so the spec's request objects are open too.
   */
  readonly rejectUnknownFields: boolean;
  /**
   * The Cloud Databases regions, each with its own endpoint (`/{region}/v1.0`) and its own instances,
   * backups and schedules; backups are copied between them. Lower case, as in the spec's server URL.
   */
  readonly regions: readonly string[];
  /** The region `/v1.0` serves, where the documented examples' data lives: the server URL's default. */
  readonly homeRegion: string;
}

/** The documented demo token: account 1234 and tenant 1864e71d… of the source pages' examples. */
export const DEMO_TOKEN = "demo-token";
/** A second demo account, to see that accounts never see each other's data. */
export const OTHER_DEMO_TOKEN = "other-demo-token";

export const DEFAULT_CONFIG: SandboxConfig = {
  tokens: {
    [DEMO_TOKEN]: { cloudDatabasesAccount: "1234", zcomTenant: "1864e71d2deb46f6b47526b69c65a45d" },
    [OTHER_DEMO_TOKEN]: { cloudDatabasesAccount: "5678", zcomTenant: "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5" },
  },
  backupPhaseSeconds: { new: 5, building: 60, deleting: 2 },
  zcomRunIntervalSeconds: 24 * 60 * 60,
  zcomRunsKept: 3,
  validateResponses: false,
  bodyLimitBytes: 114_688,
  pageSize: 20,
  rejectUnknownFields: false,
  regions: CLOUD_DATABASES_REGIONS,
  homeRegion: "dfw",
};
