/** An error the sandbox answers with a documented status and fault body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const badRequest = (message: string) => new ApiError(400, message);
export const unauthorized = (message = "The request you have made requires authentication.") => new ApiError(401, message);
export const forbidden = (message: string) => new ApiError(403, message);
export const notFound = (message: string) => new ApiError(404, message);
export const conflict = (message: string) => new ApiError(409, message);
export const unprocessable = (message: string) => new ApiError(422, message);
/** Upstream Trove's QuotaExceeded (webob's 413), with its message: "Quota exceeded for resources: ['backups']." */
export const quotaExceeded = (resource: string) => new ApiError(413, `Quota exceeded for resources: ['${resource}'].`);

/**
 * An error Trove's HTTP layer answers before its controllers run (a body that is not JSON, a URL of
 * another account): webob formats it from an `explanation` and a `detail`, not as a fault name. Z.com
 * answers the same situations with its usual fault names.
 */
export class HttpLayerError extends ApiError {
  constructor(
    status: number,
    readonly explanation: string,
    readonly detail = "",
  ) {
    super(status, detail === "" ? explanation : `${explanation} ${detail}`);
    this.name = "HttpLayerError";
  }
}

export const malformedBody = () => new HttpLayerError(400, "Malformed request body");
/** Trove's TenantBasedAuth: the explanation is webob's default for 403, the detail names the token's account. */
export const otherAccount = (tokenAccount: string) =>
  new HttpLayerError(403, "Access was denied to this resource.", `User with tenant id ${tokenAccount} cannot access this resource.`);
