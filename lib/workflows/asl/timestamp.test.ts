import { describe, expect, it } from "vitest";
import { compareInstants, isTimestamp, parseTimestamp } from "@/lib/workflows/asl/timestamp";

describe("parseTimestamp", () => {
  it("accepts RFC 3339 timestamps with Z or an offset (AWS docs: 2016-08-18T17:33:00Z)", () => {
    expect(parseTimestamp("2016-08-18T17:33:00Z")?.ms).toBe(Date.parse("2016-08-18T17:33:00Z"));
    expect(parseTimestamp("2016-08-18T19:33:00+02:00")?.ms).toBe(Date.parse("2016-08-18T17:33:00Z"));
    expect(parseTimestamp("2016-08-18T17:33:00.5Z")?.ms).toBe(Date.parse("2016-08-18T17:33:00.500Z"));
    expect(parseTimestamp("2024-02-29T00:00:00Z")).not.toBeNull();
  });

  it("rejects lowercase separators, missing zones, and impossible dates or times", () => {
    for (const bad of [
      "2016-08-18t17:33:00Z",
      "2016-08-18T17:33:00z",
      "2016-08-18T17:33:00",
      "2016-08-18",
      "2023-02-29T00:00:00Z",
      "2016-08-18T24:00:00Z",
      "2016-08-18T17:60:00Z",
      "2016-08-18T17:33:00+25:00",
    ]) {
      expect(isTimestamp(bad)).toBe(false);
    }
    expect(isTimestamp(20160818)).toBe(false);
  });

  it("orders instants beyond millisecond precision", () => {
    const a = parseTimestamp("2020-01-01T00:00:00.0001Z");
    const b = parseTimestamp("2020-01-01T00:00:00.0002Z");
    expect(a && b && compareInstants(a, b)).toBeLessThan(0);
    const c = parseTimestamp("2020-01-01T00:00:00Z");
    const d = parseTimestamp("2020-01-01T01:00:00+01:00");
    expect(c && d && compareInstants(c, d)).toBe(0);
  });
});
