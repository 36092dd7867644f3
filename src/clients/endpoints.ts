// Where the APIs are served: the server URLs of the specs, with their variables.
/**
 * The regions of the Cloud Databases server URL, `https://{region}.databases.api.rackspacecloud.com/{version}`:
 * the enum of its `region` variable in the spec (tests/clients/ compares the two).
 */
export const CLOUD_DATABASES_REGIONS = ["dfw", "ord", "iad", "lon", "hkg", "syd"] as const;
export type CloudDatabasesRegion = (typeof CLOUD_DATABASES_REGIONS)[number];

/**
 * The Cloud Databases endpoint of a region, with the API version: the spec's server URL with its variables
 * filled in.
 *
 * @example cloudDatabasesBaseUrl("lon") // "https://lon.databases.api.rackspacecloud.com/v1.0"
 */
export function cloudDatabasesBaseUrl(region: CloudDatabasesRegion): string {
  // JavaScript callers have no type check: an unknown region would otherwise become a host name.
  if (!(CLOUD_DATABASES_REGIONS as readonly string[]).includes(region)) {
    throw new RangeError(`Unknown Cloud Databases region ${JSON.stringify(region)}: one of ${CLOUD_DATABASES_REGIONS.join(", ")}`);
  }
  return `https://${region}.databases.api.rackspacecloud.com/v1.0`;
}

/** The one Z.com Compute endpoint the spec describes (Tokyo, tyo1), with the API version. */
export const ZCOM_COMPUTE_BASE_URL = "https://compute.tyo1.cloud.z.com/v2";
