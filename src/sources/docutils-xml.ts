import { XMLParser } from "fast-xml-parser";

/** One element of a docutils doctree, as read from the docutils XML writer's output. */
export interface XmlElement {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

type OrderedNode = { [tag: string]: OrderedNode[] | string } & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  // Document order matters (an example title is the paragraph before a code block), and so does the
  // exact text of literal blocks: keep both.
  preserveOrder: true,
  trimValues: false,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // A doctree nests sections, tables, entries and paragraphs; the default of 100 is plenty for the
  // pages but costs nothing to raise.
  maxNestedTags: 1000,
});

/** The root `document` element of a docutils XML string. */
export function parseDocutilsXml(xml: string): XmlElement {
  const top = (parser.parse(xml) as OrderedNode[]).map(toNode).filter((node): node is XmlElement => typeof node !== "string");
  const document = top.find((node) => node.tag === "document");
  if (!document) throw new Error(`not docutils XML: no <document> element (found ${top.map((node) => `<${node.tag}>`).join(", ")})`);
  return document;
}

function toNode(node: OrderedNode): XmlNode {
  const tag = Object.keys(node).find((key) => key !== ":@")!;
  const content = node[tag]!;
  if (tag === "#text") return String(content);
  return {
    tag,
    attributes: node[":@"] ?? {},
    children: Array.isArray(content) ? content.map(toNode) : [],
  };
}

export const isElement = (node: XmlNode | undefined): node is XmlElement => typeof node === "object";

/** The text of a node and all its descendants, as docutils' `astext()` gives it. */
export function textOf(node: XmlNode): string {
  return typeof node === "string" ? node : node.children.map(textOf).join("");
}

/** Child elements, optionally only those with the given tag. */
export function childElements(node: XmlElement, tag?: string): XmlElement[] {
  return node.children.filter((child): child is XmlElement => isElement(child) && (tag === undefined || child.tag === tag));
}

/** Every descendant element with the given tag, in document order. */
export function descendants(node: XmlElement, tag: string): XmlElement[] {
  return childElements(node).flatMap((child) => [...(child.tag === tag ? [child] : []), ...descendants(child, tag)]);
}

/** The `line` attribute the parser script stamps on elements, or the first one among their descendants. */
export function lineOf(node: XmlElement): number | undefined {
  const own = node.attributes.line;
  if (own !== undefined) return Number(own);
  for (const child of childElements(node)) {
    const line = lineOf(child);
    if (line !== undefined) return line;
  }
  return undefined;
}
