import { describe, expect, it } from "vitest";
import { inlineRemoteAssets, offlineProblems, REMOTE_ASSET_REPLACEMENTS } from "../../src/docs/offline.js";

// The build's own check that a rendered page needs no network (the browser test checks the real pages).

const OPTIONS = '<script>const __redoc_options = {"disableTelemetry":true};</script>';

describe("offlineProblems", () => {
  it("accepts a page that loads nothing from elsewhere and only links out", () => {
    expect(
      offlineProblems(
        `<html><head><link rel="icon" href="data:,"></head><body><a href="https://docs.rackspace.com/">guide</a>${OPTIONS}</body></html>`,
      ),
    ).toEqual([]);
  });

  it("reports remote scripts, stylesheets, fonts and images, with or without a scheme", () => {
    const page = [
      '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">',
      '<script src="//cdn.example.org/redoc.js"></script>',
      '<img alt="logo" src="https://cdn.example.org/logo.svg">',
      OPTIONS,
    ].join("\n");
    expect(offlineProblems(page)).toEqual([
      "loads https://fonts.googleapis.com/css2?family=Inter (<link>)",
      "loads //cdn.example.org/redoc.js (<script>)",
      "loads https://cdn.example.org/logo.svg (<img>)",
      "refers to Google Fonts",
    ]);
  });

  it("reports Redoc's remote logo until it is inlined, and telemetry left on", () => {
    const bundle = `img({src: full ? \`${REMOTE_ASSET_REPLACEMENTS[0]![0]}\` : \`${REMOTE_ASSET_REPLACEMENTS[1]![0]}\`})`;
    expect(offlineProblems(`<script>${bundle}</script><script>const __redoc_options = {};</script>`)).toEqual([
      `still points at ${REMOTE_ASSET_REPLACEMENTS[0]![0]}`,
      `still points at ${REMOTE_ASSET_REPLACEMENTS[1]![0]}`,
      'Redoc telemetry is on (no "disableTelemetry":true in its options)',
    ]);
    const inlined = inlineRemoteAssets(`<script>${bundle}</script>${OPTIONS}`);
    expect(offlineProblems(inlined)).toEqual([]);
    // Inline images go into the bundle's template literals and quoted strings: nothing in them may end one.
    for (const [, inline] of REMOTE_ASSET_REPLACEMENTS) expect(inline).toMatch(/^data:image\/svg\+xml,[^`${}"'<>\s\\]+$/);
  });
});
