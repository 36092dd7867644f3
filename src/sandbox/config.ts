import { randomBytes } from "node:crypto";
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
  /**
   * The scheme, host and port links point to (`https://sandbox.example:8443`); default
   * `http://127.0.0.1:<port>`. Never taken from a request's Host header.
   */
  readonly publicOrigin: string | undefined;
  /**
   * The token of the sandbox's own routes that change it for everyone (reset every account, move the
   * clock). Random for each sandbox unless given; never a tenant's token.
   */
  readonly adminToken: string;
  /** A request (line, headers and body) not complete within this is answered 408 and closed (Node's requestTimeout). */
  readonly requestTimeoutMs: number;
  /** Headers not complete within this are answered 408 and closed (Node's headersTimeout); at most requestTimeoutMs. */
  readonly headersTimeoutMs: number;
  /** A connection that sends or receives nothing for this long is closed, a kept-alive one sooner (5 s at most). */
  readonly idleTimeoutMs: number;
  /** Connections beyond this many open at once are closed as they come (Node's maxConnections). */
  readonly maxConnections: number;
  /**
   * What one account may keep, as upstream Trove's per-tenant quotas (max_backups_per_tenant 50 and
   * max_instances_per_tenant 10 by default there; larger here so that the documented data leaves room):
   * backups per region (created by requests or copied in; a schedule's runs are bounded by its retention
   * instead), restored instances, and Z.com images per tenant. One more is 413 overLimit.
   */
  readonly quotas: { readonly backups: number; readonly instances: number; readonly images: number };
}

/** The documented demo token: account 1234 and tenant 1864e71d… of the source pages' examples. */
export const DEMO_TOKEN = "demo-token";
/** A second demo account, to see that accounts never see each other's data. */
export const OTHER_DEMO_TOKEN = "other-demo-token";

/** Everything but the admin token, which is made for each sandbox (see {@link resolveAdminToken}). */
export const DEFAULT_CONFIG: Omit<SandboxConfig, "adminToken"> = {
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
  publicOrigin: undefined,
  // Long enough for any client on a slow link, short enough that a stalled one gives its socket back
  // (with no limit, 1,500 sockets that sent half a body stayed open for minutes).
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  // Below the usual 1,024 open files a process may have, leaving room for the rest of the process.
  maxConnections: 900,
  quotas: { backups: 200, instances: 50, images: 100 },
};

/** The longest timeout accepted: an hour (a longer one is a typo, or no limit at all). */
const MAX_TIMEOUT_MS = 3_600_000;

/** Checks the timeouts and the connection cap; throws a one-line error naming the first that cannot work. */
export function checkLimits(
  config: Pick<SandboxConfig, "requestTimeoutMs" | "headersTimeoutMs" | "idleTimeoutMs" | "maxConnections">,
): void {
  const timeouts = [
    ["request timeout", config.requestTimeoutMs],
    ["headers timeout", config.headersTimeoutMs],
    ["idle timeout", config.idleTimeoutMs],
  ] as const;
  for (const [name, value] of timeouts) {
    if (!(Number.isFinite(value) && value >= 1 && value <= MAX_TIMEOUT_MS))
      throw new Error(`the ${name} must be from 1 ms to an hour, not ${value} ms`);
  }
  if (config.headersTimeoutMs > config.requestTimeoutMs)
    throw new Error(
      `the headers timeout (${config.headersTimeoutMs} ms) cannot be longer than the request timeout (${config.requestTimeoutMs} ms)`,
    );
  if (!(Number.isInteger(config.maxConnections) && config.maxConnections >= 1))
    throw new Error(`the most connections at once must be a whole number from 1, not ${config.maxConnections}`);
}

/**
 * A public origin as links use it, without a trailing slash (`http://x.example:8080/` → `http://x.example:8080`);
 * throws a one-line error naming what is wrong for anything but an http(s) scheme, host and port.
 */
export function parsePublicOrigin(text: string): string {
  const url = URL.parse(text);
  const problem =
    url === null
      ? "is not a URL"
      : url.protocol !== "http:" && url.protocol !== "https:"
        ? `has the scheme ${url.protocol.replace(/:$/, "")}, not http or https`
        : url.username !== "" || url.password !== ""
          ? "has a user name or password"
          : url.pathname !== "/" || url.search !== "" || url.hash !== "" || /[?#]/.test(text)
            ? "has a path, query or fragment"
            : undefined;
  if (problem) throw new Error(`the public origin must be http(s)://host[:port], like http://127.0.0.1:4020; "${text}" ${problem}`);
  return url!.origin;
}

/** The admin token given, checked, or a new random one (128 bits, URL-safe). */
export function resolveAdminToken(given: string | undefined, tokens: Readonly<Record<string, TokenGrant>>): string {
  if (given === undefined) return randomBytes(16).toString("base64url");
  if (given.trim() === "" || /[^\x21-\x7e]/.test(given))
    throw new Error(`the admin token must be printable ASCII without spaces, not ${JSON.stringify(given)}`);
  if (Object.hasOwn(tokens, given)) throw new Error(`the admin token "${given}" is also a tenant's token; choose another`);
  return given;
}

/** Each token table as a Map, made once per table. */
const grantMaps = new WeakMap<Readonly<Record<string, TokenGrant>>, ReadonlyMap<string, TokenGrant>>();

/**
 * The accounts a token owns, or undefined for no or an unknown token. A Map of the table's own keys: a
 * plain-object lookup found Object.prototype's members, so `toString` or `__proto__` passed for a token
 * of no account (403/400 where an unknown token is 401).
 */
export function grantOf(config: Pick<SandboxConfig, "tokens">, token: unknown): TokenGrant | undefined {
  if (typeof token !== "string") return undefined;
  let grants = grantMaps.get(config.tokens);
  if (!grants) {
    grants = new Map(Object.entries(config.tokens));
    grantMaps.set(config.tokens, grants);
  }
  return grants.get(token);
}

/**
 * Reads `--quotas backups=50,instances=10,images=100` (any of the three; the others keep their defaults).
 * Throws a one-line error naming the part that is wrong.
 */
export function parseQuotas(text: string, defaults: SandboxConfig["quotas"] = DEFAULT_CONFIG.quotas): SandboxConfig["quotas"] {
  const quotas = { ...defaults };
  for (const part of text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")) {
    const match = /^(backups|instances|images)=(\d{1,9})$/.exec(part);
    if (!match) throw new Error(`"${part}" is not <backups|instances|images>=<whole number>`);
    const value = Number(match[2]);
    if (value < 1) throw new Error(`${match[1]} must be at least 1, not ${value}`);
    quotas[match[1] as keyof typeof quotas] = value;
  }
  return quotas;
}
