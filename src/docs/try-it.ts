// The try-it page of an API: Swagger UI over a copy of the bundled spec whose server list starts with
// the local sandbox, so a reader can pick an operation and one of its request examples and send it.
//
// Why Swagger UI (swagger-ui-dist): the Redoc reference stays the main page, and Redoc CE has no
// try-it. Of the maintained renderers that do, swagger-ui-dist is one package of static files with no
// runtime dependencies, released monthly and the most used, and it works offline from node_modules;
// its try-it fills the request body from the example picked, lets the reader choose the server and set
// its variables, and takes the X-Auth-Token once under "Authorize". Scalar's API reference pulls in
// some 30 packages and loads its fonts from a CDN unless told not to; RapiDoc has had no release for
// more than a year; Stoplight Elements is a React app of its own.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ApiDefinition } from "../apis.js";
import { dereference } from "../spec/json-pointer.js";
import { HTTP_METHODS, type OpenApiDocument, type ParameterObject } from "../spec/openapi-types.js";
import { escapeHtml } from "./html.js";

/** Where `npm run sandbox` listens by default, and its demo token (see src/sandbox/config.ts). */
export const SANDBOX_DEFAULT_PORT = 4020;
export const SANDBOX_DEMO_TOKEN = "demo-token";

/** The folder of the site that holds Swagger UI's files and the page's start-up script. */
export const TRY_IT_ASSETS_DIR = "try-it";

export const tryItPage = (api: ApiDefinition): string => `${api.id}.try-it.html`;
export const tryItSpecFile = (api: ApiDefinition): string => `${api.id}.try-it.openapi.json`;

/**
 * Swagger UI's deep link to an operation (`#/<tag>/<operationId>`, spaces in the tag as `%20`), as
 * its `deepLinking` option reads and writes it.
 */
export const tryItOperation = (api: ApiDefinition, tag: string, operationId: string): string =>
  `${tryItPage(api)}#/${encodeURIComponent(tag)}/${encodeURIComponent(operationId)}`;

/** Swagger UI's files that the page loads, copied from the installed package. */
export function swaggerUiAssets(): { readonly source: string; readonly name: string }[] {
  const packageDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  return ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"].map((name) => ({
    source: join(packageDir, name),
    name: name === "LICENSE" ? "swagger-ui-LICENSE.txt" : name,
  }));
}

/** The path prefix the sandbox serves an API under: the path of its first server, variables at their defaults. */
export function sandboxPrefix(spec: OpenApiDocument): string {
  const server = spec.servers?.[0];
  if (!server) throw new Error(`${spec.info.title}: no server to take the sandbox's path prefix from`);
  const url = server.url.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = server.variables?.[name]?.default;
    if (value === undefined) throw new Error(`${spec.info.title}: server variable {${name}} has no default`);
    return String(value);
  });
  return new URL(url).pathname.replace(/\/$/, "");
}

/** The spec the try-it page loads: the bundle with the local sandbox first among its servers (its port a variable). */
export function tryItSpec(bundle: OpenApiDocument): OpenApiDocument {
  const spec = structuredClone(bundle);
  const servers: { url: string; description?: string; variables?: Record<string, { default: string; description?: string }> }[] = [
    {
      url: `http://127.0.0.1:{port}${sandboxPrefix(bundle)}`,
      description: "Local sandbox (npm run sandbox)",
      variables: { port: { default: String(SANDBOX_DEFAULT_PORT), description: "The sandbox's port (npm run sandbox -- --port)" } },
    },
    ...(bundle.servers ?? []),
  ];
  spec.servers = servers as OpenApiDocument["servers"];
  // Swagger UI 5 leaves a path item's `$ref`-ed parameters unresolved on an operation opened by a deep
  // link (it shows an unnamed "any" field, and the request goes out without the account): inline them.
  for (const item of Object.values(spec.paths)) {
    if (item.parameters) item.parameters = item.parameters.map((parameter) => dereference<ParameterObject>(spec, parameter));
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation?.parameters)
        operation.parameters = operation.parameters.map((parameter) => dereference<ParameterObject>(spec, parameter));
    }
  }
  return spec;
}

/** The page: the site's top bar, a short note, and Swagger UI started by try-it/start.js. */
export function tryItHtml(api: ApiDefinition, spec: OpenApiDocument, reference: string, navHeight: number): string {
  const scheme = Object.keys(spec.components?.securitySchemes ?? {})[0] ?? "";
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Try it – ${escapeHtml(api.title)}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="./${TRY_IT_ASSETS_DIR}/swagger-ui.css">
  <style>
    body { margin: 0; padding-top: ${navHeight}px; }
    .site-nav {
      position: fixed; top: 0; left: 0; right: 0; z-index: 1000; height: ${navHeight}px; box-sizing: border-box;
      display: flex; align-items: center; gap: 1rem; padding: 0 1rem; overflow: hidden; white-space: nowrap;
      background: #1f2933; color: #e4e7eb; font: 14px/1 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    }
    .site-nav a { color: #fff; text-decoration: none; }
    .site-nav a:hover, .site-nav a:focus { text-decoration: underline; }
    .try-it-note { max-width: 1460px; margin: 1rem auto 0; padding: 0 20px; box-sizing: border-box;
      font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #3b4151; }
    .try-it-note code { background: #f0f4f8; padding: 0 .25rem; border-radius: 3px; }
  </style>
</head>
<body>
  <nav class="site-nav" aria-label="Site">
    <a href="./index.html">← All API references</a>
    <a href="./${escapeHtml(reference)}">Reference</a>
    <a href="./errata.html">Errata</a>
  </nav>
  <p class="try-it-note">Sends requests from your browser to the server chosen below. The first one is a local
  sandbox of this API: start it with <code>npm run sandbox</code> (port ${SANDBOX_DEFAULT_PORT}; change the
  <code>port</code> variable for another). Its demo token <code>${SANDBOX_DEMO_TOKEN}</code> is already set under
  <b>Authorize</b>. Open an operation, pick a request example, and press <b>Execute</b>.</p>
  <div id="swagger-ui" data-spec="./${escapeHtml(tryItSpecFile(api))}" data-security-scheme="${escapeHtml(scheme)}" data-token="${SANDBOX_DEMO_TOKEN}"></div>
  <script src="./${TRY_IT_ASSETS_DIR}/swagger-ui-bundle.js"></script>
  <script src="./${TRY_IT_ASSETS_DIR}/start.js"></script>
</body>
</html>
`;
}

/**
 * Starts Swagger UI from the data attributes of #swagger-ui. A file, not an inline script, so that the
 * page also works under a Content-Security-Policy that allows scripts from the site only.
 */
export const TRY_IT_START_SCRIPT = `// Starts Swagger UI on the try-it page (built by src/docs/try-it.ts).
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.spec,
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    defaultModelsExpandDepth: -1,
    // The default validator badge would send the spec to validator.swagger.io.
    validatorUrl: null,
    onComplete: function () {
      if (root.dataset.securityScheme) window.ui.preauthorizeApiKey(root.dataset.securityScheme, root.dataset.token);
    },
  });
})();
`;
