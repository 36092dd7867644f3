// Error bodies as each API sends them. Cloud Databases: Trove's `{faultName: {code, message}}`
// (trove/common/wsgi.py), and webob's `{message, code, title}` for what its HTTP layer refuses first.
// Z.com: Keystone's `{"error": {...}}` for 401, Nova's fault names otherwise.
import { type ApiError, HttpLayerError } from "./api-error.js";

const CLOUD_DATABASES_FAULTS: Readonly<Record<number, string>> = {
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "itemNotFound",
  405: "badMethod",
  409: "conflict",
  413: "overLimit",
  415: "badMediaType",
  422: "unprocessableEntity",
  500: "instanceFault",
  501: "notImplemented",
  503: "serviceUnavailable",
};

const ZCOM_FAULTS: Readonly<Record<number, string>> = {
  400: "badRequest",
  401: "error",
  403: "forbidden",
  404: "itemNotFound",
  405: "badMethod",
  413: "overLimit",
  500: "computeFault",
};

export type FaultStyle = "cloud-databases" | "zcom-compute";

export function faultBody(style: FaultStyle, status: number, message: string): Record<string, Record<string, unknown>> {
  if (style === "zcom-compute") {
    const name = ZCOM_FAULTS[status] ?? "computeFault";
    return name === "error" ? { error: { code: status, title: "Unauthorized", message } } : { [name]: { code: status, message } };
  }
  return { [CLOUD_DATABASES_FAULTS[status] ?? "instanceFault"]: { code: status, message } };
}

/** The reason phrases webob puts after the status code and in `title`. */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
};

/**
 * webob's JSON error body (webob.exc.WSGIHTTPException.json_body): the plain-text body template
 * `${explanation}<br /><br />\n${detail}\n${html_comment}\n` as `message`, the status line as `code`.
 * Trove 18 sends exactly these bytes (tests/conformance/fixtures/trove-18.exchanges.json).
 */
export function wsgiFaultBody(status: number, explanation: string, detail = ""): { message: string; code: string; title: string } {
  const title = REASON_PHRASES[status] ?? "Error";
  return { message: `${explanation}<br /><br />\n${detail}\n\n`, code: `${status} ${title}`, title };
}

/** The body an API answers an error with. */
export function errorBody(style: FaultStyle, error: ApiError): Record<string, unknown> {
  if (style === "cloud-databases" && error instanceof HttpLayerError) return wsgiFaultBody(error.status, error.explanation, error.detail);
  return faultBody(style, error.status, error.message);
}
