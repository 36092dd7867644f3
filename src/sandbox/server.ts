import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type HTTPMethods } from "fastify";
import { type ApiDefinition, apiById } from "../apis.js";
import type { OperationEntry } from "../spec/operations.js";
import { ApiError, badRequest, malformedBody, otherAccount, unauthorized } from "./api-error.js";
import { type Clock, ScaledClock } from "./clock.js";
import { cloudDatabasesHandlers } from "./cloud-databases/handlers.js";
import { CloudDatabasesRegions } from "./cloud-databases/regions.js";
import { CloudDatabasesStore } from "./cloud-databases/store.js";
import { compiledApi } from "./compiled-api.js";
import {
  checkLimits,
  DEFAULT_CONFIG,
  grantOf,
  parsePublicOrigin,
  resolveAdminToken,
  type SandboxConfig,
  type TokenGrant,
} from "./config.js";
import { errorBody, type FaultStyle } from "./faults.js";
import { registerControlRoutes } from "./http/control-routes.js";
import { registerDocsCors } from "./http/cors.js";
import type { OperationHandler, RequestContext } from "./http/handler.js";
import { isJsonContainer, jsonBuffer } from "./http/json-body.js";
import type { ResponseChecker, ResponseViolation } from "./http/response-check.js";
import {
  clientErrorHandler,
  guardServer,
  limitServer,
  registerAllMethods,
  registerHostRequirement,
  registerJsonParser,
  serverOptions,
} from "./http/transport.js";
import { seedCloudDatabases, seedZcomCompute } from "./seed.js";
import { zcomComputeHandlers } from "./zcom-compute/handlers.js";
import { ZcomComputeStore } from "./zcom-compute/store.js";

export interface SandboxOptions {
  readonly config?: Partial<SandboxConfig>;
  /** The clock; default: real time at `speed` (1). Tests pass a ManualClock. */
  readonly clock?: Clock;
  readonly speed?: number;
}

export interface Sandbox {
  readonly app: FastifyInstance;
  readonly clock: Clock;
  readonly config: SandboxConfig;
  /** The home region's Cloud Databases data (served under /v1.0), where the documented examples live. */
  readonly cloudDatabases: CloudDatabasesStore;
  /** Every region's, each served under /{region}/v1.0. */
  readonly cloudDatabasesRegions: CloudDatabasesRegions;
  readonly zcomCompute: ZcomComputeStore;
  /** Responses that did not match the spec (only recorded with `validateResponses`). */
  readonly violations: ResponseViolation[];
  /** Back to the documented examples' data. */
  reset(): void;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** How one API is mounted: its prefix, which path parameter is the account, and how it refuses. */
interface ApiMount {
  readonly api: ApiDefinition;
  readonly prefix: string;
  readonly faultStyle: FaultStyle;
  readonly accountParameter: string;
  readonly grant: keyof TokenGrant;
  /** Cloud Databases (Trove TenantBasedAuth): 403. Z.com (Nova): 400 "Malformed request URL". */
  readonly wrongAccount: (pathAccount: string, tokenAccount: string) => ApiError;
  readonly handlers: Record<string, OperationHandler>;
  readonly beforeEach: () => void;
}

declare module "fastify" {
  interface FastifyContextConfig {
    faultStyle?: FaultStyle;
    /** On the catch-all route of a path: the methods it does support (answered with 405). */
    allow?: string;
  }
}

/** What Fastify sends with a body it serializes to JSON. */
const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * A stateful sandbox of both APIs on one Fastify server: routes, request validation and (in test mode)
 * response validation all come from the bundled specs; behaviour from src/sandbox/<api>/.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const config: SandboxConfig = {
    ...DEFAULT_CONFIG,
    ...options.config,
    adminToken: resolveAdminToken(options.config?.adminToken, options.config?.tokens ?? DEFAULT_CONFIG.tokens),
  };
  checkLimits(config);
  const publicOrigin = config.publicOrigin === undefined ? undefined : parsePublicOrigin(config.publicOrigin);
  const clock = options.clock ?? new ScaledClock(options.speed ?? 1);
  const cloudDatabasesRegions = new CloudDatabasesRegions(clock, config);
  const cloudDatabases = cloudDatabasesRegions.home;
  const zcomCompute = new ZcomComputeStore(clock, config);
  const compileOptions = { rejectUnknownFields: config.rejectUnknownFields, validateResponses: config.validateResponses };
  const compiled = {
    "cloud-databases": compiledApi(apiById("cloud-databases"), compileOptions),
    "zcom-compute": compiledApi(apiById("zcom-compute"), compileOptions),
  };
  const seed = () => {
    seedCloudDatabases(cloudDatabases, compiled["cloud-databases"].spec);
    seedZcomCompute(zcomCompute, compiled["zcom-compute"].spec);
  };
  seed();

  // Each region its own endpoint, as on the real service (https://{region}.databases.api.rackspacecloud.com/v1.0):
  // /{region}/v1.0, and /v1.0 for the home region, where the examples' data is.
  const cloudDatabasesMount = (prefix: string, store: CloudDatabasesStore): ApiMount => ({
    api: apiById("cloud-databases"),
    prefix,
    faultStyle: "cloud-databases",
    accountParameter: "accountId",
    grant: "cloudDatabasesAccount",
    wrongAccount: (_pathAccount, tokenAccount) => otherAccount(tokenAccount),
    handlers: cloudDatabasesHandlers(store, config),
    beforeEach: () => cloudDatabasesRegions.catchUp(),
  });
  const mounts: ApiMount[] = [
    cloudDatabasesMount("/v1.0", cloudDatabases),
    ...cloudDatabasesRegions.names.map((region) => cloudDatabasesMount(`/${region}/v1.0`, cloudDatabasesRegions.region(region)!)),
    {
      api: apiById("zcom-compute"),
      prefix: "/v2",
      faultStyle: "zcom-compute",
      accountParameter: "tenant_id",
      grant: "zcomTenant",
      wrongAccount: (account) => badRequest(`Malformed request URL: URL's project_id '${account}' doesn't match Context's project_id.`),
      handlers: zcomComputeHandlers(zcomCompute),
      beforeEach: () => undefined,
    },
  ];

  const violations: ResponseViolation[] = [];
  const app = Fastify({
    bodyLimit: config.bodyLimitBytes,
    routerOptions: { maxParamLength: 500 },
    http: serverOptions(config),
    clientErrorHandler: clientErrorHandler(config),
    exposeHeadRoutes: false,
    return503OnClosing: false,
    // Closing (Ctrl-C, SIGTERM, a test's close) ends every connection at once: a client stalled
    // mid-body otherwise held the process until its request timed out.
    forceCloseConnections: true,
    // A broken %-escape in the path (FST_ERR_BAD_URL) or a path parameter over maxParamLength
    // (FST_ERR_MAX_PARAM_LENGTH): Fastify would answer 400/414 in its own shape, before any route.
    // Both are malformed requests: the API's 400 fault.
    frameworkErrors: (error, request, reply) =>
      sendFault(
        reply,
        request.url.startsWith("/v2/") ? "zcom-compute" : "cloud-databases",
        badRequest(`Malformed request URL: ${error.message}`),
      ),
  });
  registerJsonParser(app);
  registerHostRequirement(app);
  limitServer(app.server, config);
  guardServer(app.server);
  // Every method a client may send to a path; those the path has no operation for get 405 with Allow.
  const methods = registerAllMethods(app);
  const styleOf = (request: FastifyRequest): FaultStyle =>
    request.routeOptions.config?.faultStyle ?? (request.url.startsWith("/v2/") ? "zcom-compute" : "cloud-databases");
  const sendFault = (reply: FastifyReply, style: FaultStyle, error: ApiError) =>
    reply.code(error.status).headers(error.headers).send(errorBody(style, error));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const style = styleOf(request);
    if (error instanceof ApiError) return sendFault(reply, style, error);
    const allow = request.routeOptions.config?.allow;
    // A body sent with an unsupported method fails to parse before the handler runs; the method is the error.
    if (allow)
      return sendFault(reply, style, new ApiError(405, `The method ${request.method} is not allowed for this resource.`, { Allow: allow }));
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      return sendFault(reply, style, new ApiError(413, `Request is too large: the body limit is ${config.bodyLimitBytes} bytes.`));
    // Trove's HTTP layer refuses a body that is not JSON before the API reads it (webob's body).
    if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY") return sendFault(reply, style, malformedBody());
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's other refusals: an empty JSON body, a content type that is not JSON.
      return sendFault(reply, style, badRequest(`Malformed request body: ${error.message}`));
    }
    request.log.error(error);
    return sendFault(reply, style, new ApiError(500, "The server has either erred or is incapable of performing the requested operation."));
  });
  app.setNotFoundHandler((request, reply) => sendFault(reply, styleOf(request), new ApiError(404, "The resource could not be found.")));

  for (const mount of mounts) {
    const { operations, validators, checkResponse } = compiled[mount.api.id];
    for (const operation of operations) {
      const handler = mount.handlers[operation.operationId];
      if (!handler) throw new Error(`The sandbox has no handler for ${mount.api.id} ${operation.operationId}`);
    }
    for (const [path, pathOperations] of groupByPath(operations)) {
      const url = mount.prefix + path.replace(/\{([^}]+)\}/g, ":$1");
      for (const operation of pathOperations) {
        const validator = validators.get(operation.operationId)!;
        app.route({
          method: operation.method.toUpperCase() as HTTPMethods,
          url,
          config: { faultStyle: mount.faultStyle },
          handler: async (request, reply) => {
            const account = authorize(mount, request, config);
            mount.beforeEach();
            const { path: pathValues, query } = validator.parameters(
              request.params as Record<string, string>,
              request.query as Record<string, unknown>,
            );
            validator.body(validator.hasBody ? request.body : undefined);
            const result = mount.handlers[operation.operationId]!(
              new HandlerContext(account, pathValues, query, request.body, linkOrigin(publicOrigin, request), mount.prefix, request.url),
            );
            check(checkResponse, violations, operation.operationId, result.status, result.body);
            reply.code(result.status).headers(result.headers ?? {});
            if (result.body === undefined) return reply.send();
            // The same bytes and content type as Fastify's JSON.stringify, made faster (see json-body.ts).
            if (isJsonContainer(result.body) && !reply.hasHeader("content-type"))
              return reply.header("content-type", JSON_CONTENT_TYPE).send(jsonBuffer(result.body));
            return reply.send(result.body);
          },
        });
      }
      const allowed = pathOperations.map((operation) => operation.method.toUpperCase());
      const others = methods.filter((method) => !allowed.includes(method));
      if (others.length > 0) {
        app.route({
          method: [...others],
          url,
          config: { faultStyle: mount.faultStyle, allow: allowed.join(", ") },
          handler: async (request) => {
            authorize(mount, request, config);
            throw new ApiError(405, `The method ${request.method} is not allowed for this resource.`, { Allow: allowed.join(", ") });
          },
        });
      }
    }
  }
  registerControlRoutes(app, { clock, reset: () => resetStores(), resetAccounts: (grant) => resetAccounts(grant), cloudDatabases, config });
  registerDocsCors(app);

  function resetStores(): void {
    cloudDatabasesRegions.reset();
    for (const map of [zcomCompute.backups, zcomCompute.vms]) map.clear();
    zcomCompute.images.length = 0;
    violations.length = 0;
    seed();
  }

  /** Back to the documented data for one tenant's accounts only: theirs removed, then what the seed gives them. */
  function resetAccounts(grant: TokenGrant): void {
    const ownedBy = (record: { account: string }) => record.account === grant.cloudDatabasesAccount;
    const ownedByTenant = (record: { tenant: string }) => record.tenant === grant.zcomTenant;
    // Every region's data of the account goes (copies included); the seed gives back only the home region's.
    for (const region of cloudDatabasesRegions.names) {
      const store = cloudDatabasesRegions.region(region)!;
      for (const map of [store.backups, store.instances, store.haInstances, store.schedules]) {
        for (const [id, record] of map) if (ownedBy(record)) map.delete(id);
      }
    }
    for (const map of [zcomCompute.backups, zcomCompute.vms]) {
      for (const [id, record] of map) if (ownedByTenant(record)) map.delete(id);
    }
    const images = zcomCompute.images.filter((image) => !ownedByTenant(image));
    zcomCompute.images.splice(0, zcomCompute.images.length, ...images);
    // The seed, made in stores of its own, gives back what it has for these accounts (the demo account's examples).
    const seeded = { cloudDatabases: new CloudDatabasesStore(clock, config), zcomCompute: new ZcomComputeStore(clock, config) };
    seedCloudDatabases(seeded.cloudDatabases, compiled["cloud-databases"].spec);
    seedZcomCompute(seeded.zcomCompute, compiled["zcom-compute"].spec);
    const copy = <T>(from: Map<string, T>, to: Map<string, T>, owned: (record: T) => boolean) => {
      for (const [id, record] of from) if (owned(record)) to.set(id, record);
    };
    copy(seeded.cloudDatabases.backups, cloudDatabases.backups, ownedBy);
    copy(seeded.cloudDatabases.instances, cloudDatabases.instances, ownedBy);
    copy(seeded.cloudDatabases.haInstances, cloudDatabases.haInstances, ownedBy);
    copy(seeded.cloudDatabases.schedules, cloudDatabases.schedules, ownedBy);
    copy(seeded.zcomCompute.backups, zcomCompute.backups, ownedByTenant);
    copy(seeded.zcomCompute.vms, zcomCompute.vms, ownedByTenant);
  }

  return {
    app,
    clock,
    config,
    cloudDatabases,
    cloudDatabasesRegions,
    zcomCompute,
    violations,
    reset: resetStores,
    async listen(port = 0, host = "127.0.0.1") {
      await app.listen({ port, host });
      const address = app.server.address();
      if (!address || typeof address === "string") throw new Error("the sandbox is not listening on TCP");
      return `http://${host}:${address.port}`;
    },
    close: () => app.close(),
  };
}

/**
 * Where links point: the configured public origin, else `http://127.0.0.1:<the port the request came in on>`.
 * Never the Host header or an absolute request target, which the client chooses: a link built from them
 * sent the next request (and its token) wherever the client had said.
 */
function linkOrigin(publicOrigin: string | undefined, request: FastifyRequest): string {
  if (publicOrigin !== undefined) return publicOrigin;
  const port = request.socket.localPort;
  return port === undefined ? "http://127.0.0.1" : `http://127.0.0.1:${port}`;
}

/** What a handler sees; its `url` is made on first use (a class: an object literal with a getter is slower to create). */
class HandlerContext implements RequestContext {
  #url: URL | undefined;
  constructor(
    readonly account: string,
    readonly path: Readonly<Record<string, string>>,
    readonly query: Readonly<Record<string, unknown>>,
    // biome-ignore lint/suspicious/noExplicitAny: the body has passed the operation's request schema.
    readonly body: any,
    readonly origin: string,
    readonly prefix: string,
    readonly target: string,
  ) {}

  get baseUrl(): string {
    return this.origin + this.prefix;
  }

  /** The request's path and query on the link origin (an absolute-form target keeps only its path and query). */
  get url(): URL {
    if (this.#url) return this.#url;
    let local = this.target;
    if (!local.startsWith("/")) {
      const parsed = URL.parse(local);
      local = parsed ? parsed.pathname + parsed.search : "/";
    }
    // The origin has no path, so whatever the path holds (`//host`, `/\host`) stays path.
    const url = URL.parse(this.origin + local);
    if (!url) throw badRequest(`Malformed request URL: ${JSON.stringify(this.target)} is not a path.`);
    this.#url = url;
    return url;
  }
}

/** The account the token owns, checked against the path's account; 401 or 403/400 otherwise. */
function authorize(mount: ApiMount, request: FastifyRequest, config: SandboxConfig): string {
  const token = request.headers["x-auth-token"];
  const grant = grantOf(config, token);
  if (!grant) throw unauthorized();
  const pathAccount = (request.params as Record<string, string>)[mount.accountParameter] ?? "";
  if (grant[mount.grant] !== pathAccount) throw mount.wrongAccount(pathAccount, grant[mount.grant]);
  return pathAccount;
}

function check(
  checker: ResponseChecker | undefined,
  violations: ResponseViolation[],
  operationId: string,
  status: number,
  body: unknown,
): void {
  if (!checker) return;
  const violation = checker(operationId, status, body === undefined ? undefined : JSON.parse(JSON.stringify(body)));
  if (violation) {
    violations.push(violation);
    throw new Error(`Response does not match the spec: ${violation.operationId} ${violation.status}: ${violation.problem}`);
  }
}

function groupByPath(operations: readonly OperationEntry[]): Map<string, OperationEntry[]> {
  const byPath = new Map<string, OperationEntry[]>();
  for (const operation of operations) byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  return byPath;
}
