/** Where the released bundles are kept: `<dir>/<api>/openapi.yaml` (a module of its own, light enough for the script's --help). */
export const BASELINE_DIR = "openapi/baseline";
