import { stringifyYaml } from "@redocly/openapi-core";

/**
 * The bundle as YAML, with every string that ends in two or more line breaks written as a double-quoted
 * scalar instead of a keep-chomped block (`|+`): Prism's YAML parser (@stoplight/yaml) drops one trailing
 * line break of such a block, so the mock would serve an example that is not the spec's (the real
 * server's `WsgiFault` messages end in "\n\n\n"). A JSON string is a valid YAML double-quoted scalar.
 */
export function stringifyBundle(document: unknown): string {
  const kept: string[] = [];
  const placeholder = (index: number) => `__keep_trailing_newlines_${index}__`;
  const replaced = mapStrings(document, (text) => {
    if (!/\n\n$/.test(text)) return text;
    kept.push(text);
    return placeholder(kept.length - 1);
  });
  let yaml = stringifyYaml(replaced, { lineWidth: -1 });
  kept.forEach((text, index) => {
    yaml = yaml.replace(placeholder(index), () => JSON.stringify(text));
  });
  return yaml;
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  }
  return value;
}
