/** The API descriptions this project maintains, and where each one's files live. */
export interface ApiDefinition {
  /** Folder name under openapi/ and generated/, and the package subpath. */
  readonly id: "cloud-databases" | "zcom-compute";
  /** The `apis` key in redocly.yaml. */
  readonly redoclyAlias: string;
  readonly title: string;
  /** Default port of `npm run mock` for this API. */
  readonly mockPort: number;
}

export const APIS: readonly ApiDefinition[] = [
  { id: "cloud-databases", redoclyAlias: "cloud-databases@v1", title: "Rackspace Cloud Databases API – Backups", mockPort: 4010 },
  { id: "zcom-compute", redoclyAlias: "zcom-compute@v2", title: "Z.com Compute API – Backup", mockPort: 4011 },
];

export type ApiId = ApiDefinition["id"];

export const sourceRoot = (api: ApiDefinition): string => `openapi/${api.id}/openapi.yaml`;
export const bundlePath = (api: ApiDefinition, outDir = "generated"): string => `${outDir}/${api.id}/openapi.yaml`;
export const typesPath = (api: ApiDefinition, outDir = "generated"): string => `${outDir}/${api.id}/schema.d.ts`;

export function apiById(id: string): ApiDefinition {
  const api = APIS.find((candidate) => candidate.id === id);
  if (!api) throw new Error(`Unknown API "${id}"; known: ${APIS.map((a) => a.id).join(", ")}`);
  return api;
}
