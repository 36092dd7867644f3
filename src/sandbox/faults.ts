// Error bodies as each API sends them. Cloud Databases: Trove's `{faultName: {code, message}}`
// (trove/common/wsgi.py). Z.com: Keystone's `{"error": {...}}` for 401, Nova's fault names otherwise.

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
