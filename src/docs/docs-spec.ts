// The copy of a bundled spec that the reference page is rendered from. The published bundle
// (generated/<api>/openapi.yaml, also offered for download on the site) stays as it is; only the copy
// handed to Redoc gains links that make sense on this site: every erratum id cited in a description
// links to its entry on the errata page, every operation lists the errata that concern it, and the
// introduction links the errata page and the try-it page.
import type { Erratum } from "../errata/register.js";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import { listOperations } from "../spec/operations.js";
import { erratumAnchor } from "./errata-page.js";

export interface DocsSpecLinks {
  /** The errata of this API. */
  readonly errata: readonly Erratum[];
  /** Per erratum id, the operation IDs it concerns (see errataOperations). */
  readonly errataOperations: ReadonlyMap<string, readonly string[]>;
  /** The errata page, relative to the reference page (`errata.html`). */
  readonly errataPage: string;
  /** The try-it page of this API (`cloud-databases.try-it.html`), and its link to one operation. */
  readonly tryIt?: { readonly page: string; readonly operation: (tag: string, operationId: string) => string };
}

const erratumLink = (links: DocsSpecLinks, id: string) => `[${id}](./${links.errataPage}#${erratumAnchor(id)})`;

export function docsSpec(bundle: OpenApiDocument, links: DocsSpecLinks): OpenApiDocument {
  const spec = structuredClone(bundle);
  const ids = links.errata.map((erratum) => erratum.id);
  linkCitations(spec, ids, links);

  for (const { operationId, operation } of listOperations(spec)) {
    const concerning = ids.filter((id) => links.errataOperations.get(id)?.includes(operationId));
    const extra: string[] = [];
    if (concerning.length > 0) {
      extra.push(
        `**Errata** (where this differs from the vendor's documentation): ${concerning.map((id) => erratumLink(links, id)).join(", ")}.`,
      );
    }
    if (links.tryIt) {
      const tag = operation.tags?.[0] ?? "default";
      extra.push(`[Try it](./${links.tryIt.operation(tag, operationId)}) against a local sandbox.`);
    }
    if (extra.length > 0) operation.description = [operation.description ?? "", ...extra].filter(Boolean).join("\n\n");
  }

  const wholeApi = ids.filter((id) => (links.errataOperations.get(id) ?? []).length === 0);
  const intro = [
    `**Errata**: every place where this reference deviates from the vendor's pages is on the [errata page](./${links.errataPage}), with the reason` +
      (wholeApi.length > 0 ? `; those about the API as a whole: ${wholeApi.map((id) => erratumLink(links, id)).join(", ")}.` : "."),
  ];
  if (links.tryIt) {
    intro.push(
      `**Try it**: the [try-it page](./${links.tryIt.page}) sends the example requests to a local sandbox of this API (\`npm run sandbox\`, token \`demo-token\`).`,
    );
  }
  spec.info.description = [spec.info.description ?? "", ...intro].filter(Boolean).join("\n\n");
  return spec;
}

/** Every erratum id cited in a `description` becomes a link to its entry (once per id and description). */
function linkCitations(node: unknown, ids: readonly string[], links: DocsSpecLinks): void {
  if (Array.isArray(node)) {
    for (const item of node) linkCitations(item, ids, links);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === "description" && typeof value === "string") {
      let text = value;
      for (const id of ids) {
        // Not inside a word, a link text or a link target.
        text = text.replace(new RegExp(`(?<![\\w\\-\\[#])${id}(?![\\w\\-\\]])`, "g"), erratumLink(links, id));
      }
      record[key] = text;
    } else {
      linkCitations(value, ids, links);
    }
  }
}
