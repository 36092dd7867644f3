import { type Config, loadConfig } from "@redocly/openapi-core";
import type { ApiDefinition } from "../apis.js";

/** Loads redocly.yaml (and .redocly.lint-ignore.yaml beside it) from the working directory. */
export async function loadApiConfig(api: ApiDefinition, configPath = "redocly.yaml"): Promise<Config> {
  const config = await loadConfig({ configPath });
  return config.forAlias(api.redoclyAlias);
}
