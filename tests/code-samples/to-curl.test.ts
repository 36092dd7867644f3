import { describe, expect, it } from "vitest";
import { toCurl } from "../../src/build/code-samples.js";

describe("toCurl renders a recorded request as a runnable command", () => {
  it("quotes the URL, hides the token behind $AUTH_TOKEN and pretty-prints a JSON body", async () => {
    const request = new Request("https://example.test/v1.0/1234/backups?datastore=mysql", {
      method: "POST",
      headers: { "X-Auth-Token": "secret", "content-type": "application/json" },
      body: JSON.stringify({ backup: { name: "it's" } }),
    });
    const curl = await toCurl(request);
    expect(curl).not.toContain("secret");
    expect(curl).toBe(
      [
        "curl -X POST 'https://example.test/v1.0/1234/backups?datastore=mysql' \\",
        "  -H 'Content-Type: application/json' \\",
        '  -H "X-Auth-Token: $AUTH_TOKEN" \\',
        `  -d '{`,
        `  "backup": {`,
        `    "name": "it'\\''s"`,
        "  }",
        "}'",
        "",
      ].join("\n"),
    );
  });
});
