// parseTimestamp against the spec: the Timestamp schema says a value without a trailing Z is UTC too
// (errata CDB-TIMESTAMP). Run in Tokyo's time zone, where reading such a value as local time (what
// `new Date()` does) is nine hours off, so the test fails for that mistake on any machine.

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIS, bundlePath } from "../../src/apis.js";
import { parseTimestamp } from "../../src/clients/cloud-databases.js";

const timeZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "Asia/Tokyo";
});
afterAll(() => {
  if (timeZone === undefined) delete process.env.TZ;
  else process.env.TZ = timeZone;
});

describe("parseTimestamp", () => {
  it("reads a timestamp without Z as UTC, where new Date() would read local time", () => {
    expect(new Date(2014, 5, 19, 15).getTimezoneOffset(), "the test should run in a zone east of UTC").toBe(-540);
    expect(parseTimestamp("2014-06-19T15:55:54").toISOString()).toBe("2014-06-19T15:55:54.000Z");
    expect(parseTimestamp("2014-06-19T15:55:54").getTime()).toBe(Date.UTC(2014, 5, 19, 15, 55, 54));
    expect(parseTimestamp("2015-08-31T22:16:25Z").getTime()).toBe(Date.UTC(2015, 7, 31, 22, 16, 25));
    expect(parseTimestamp("2014-06-19T15:55:54.123456").getTime()).toBe(Date.UTC(2014, 5, 19, 15, 55, 54, 123));
    expect(parseTimestamp("2014-06-19T15:55:54+09:00").getTime()).toBe(Date.UTC(2014, 5, 19, 6, 55, 54));
  });

  it("reads every timestamp of both specs' examples, the same with or without Z", () => {
    const timestamps = new Set<string>();
    for (const api of APIS) {
      const text = readFileSync(bundlePath(api), "utf8");
      for (const [found] of text.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?(?=["'])/g)) timestamps.add(found);
    }
    expect(timestamps.size).toBeGreaterThan(10);
    for (const value of timestamps) {
      const bare = value.replace(/Z$/, "");
      expect(parseTimestamp(value).getTime(), value).toBe(parseTimestamp(`${bare}Z`).getTime());
      expect(parseTimestamp(bare).getTime(), value).toBe(Date.parse(`${bare}Z`));
    }
  });

  it("refuses what is not a timestamp of the spec's shape, or not a day of the calendar", () => {
    for (const value of [
      "2014-06-19",
      "2014-06-19 15:55:54",
      "2014-06-19T15:55",
      "2014-13-01T00:00:00",
      "2014-06-19T24:00:00",
      "yesterday",
      "",
    ]) {
      expect(() => parseTimestamp(value), value).toThrow(RangeError);
    }
    expect(() => parseTimestamp("2015-02-29T00:00:00")).toThrow(/Not a date of the calendar: "2015-02-29T00:00:00"/);
    expect(() => parseTimestamp("2015-04-31T00:00:00Z")).toThrow(/Not a date of the calendar/);
    expect(parseTimestamp("2016-02-29T00:00:00").toISOString()).toBe("2016-02-29T00:00:00.000Z");
  });
});
