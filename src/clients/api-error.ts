/** Marks ApiErrors across copies of this package (an ES-module and a CommonJS copy may both be loaded). */
const BRAND = Symbol.for("backup-api-specs.ApiError");

/**
 * An error response where a helper needs a success to go on (the pager): the status, the parsed body as
 * openapi-fetch gives it (`error`), and the Response.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly [BRAND] = true;

  constructor(
    /** What was being done, for the message: `GET /{accountId}/backups (marker 20)`. */
    readonly request: string,
    readonly response: Response,
    /** The error body as openapi-fetch parsed it: JSON where it was JSON, else the text. */
    readonly error: unknown,
  ) {
    const body = typeof error === "string" ? error : JSON.stringify(error);
    super(`${request} failed with HTTP ${response.status}: ${body.length > 300 ? `${body.slice(0, 300)}…` : body}`);
  }

  get status(): number {
    return this.response.status;
  }

  // `instanceof` holds for an ApiError of the other module format's copy too (the dual-package hazard).
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }
}
