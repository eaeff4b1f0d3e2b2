import { describe, expect, it } from "vitest";
import {
  atExpression,
  atOneHourFromNow,
  browserTimeZone,
  COMMON_TIME_ZONES,
  SCHEDULE_PRESETS,
  timeZoneOptions,
} from "@/components/schedules/presets";
import { formatInZone, isKnownTimeZone, wallClockOf } from "@/components/schedules/zoned-time";

describe("presets", () => {
  it("offers the documented EventBridge expressions", () => {
    expect(Object.fromEntries(SCHEDULE_PRESETS.map((p) => [p.label, p.expression]))).toEqual({
      "Every minute": "rate(1 minute)",
      "Every 5 minutes": "rate(5 minutes)",
      "Every hour": "rate(1 hour)",
      "Every day at 08:00": "cron(0 8 * * ? *)",
      "Weekdays at 09:00": "cron(0 9 ? * MON-FRI *)",
    });
  });
});

describe("at() builder", () => {
  const instant = new Date("2026-07-01T22:30:45.123Z");

  it("writes the wall clock of the given zone", () => {
    expect(atExpression(instant, "UTC")).toBe("at(2026-07-01T22:30:45)");
    expect(atExpression(instant, "Europe/Berlin")).toBe("at(2026-07-02T00:30:45)"); // CEST, next day
    expect(atExpression(instant, "America/New_York")).toBe("at(2026-07-01T18:30:45)");
    expect(atExpression(instant, "Asia/Kolkata")).toBe("at(2026-07-02T04:00:45)"); // +05:30
  });

  it("writes midnight as 00, not 24", () => {
    expect(atExpression(new Date("2026-01-01T00:00:00Z"), "UTC")).toBe("at(2026-01-01T00:00:00)");
  });

  it("'Once at…' is one hour from now on the whole minute", () => {
    expect(atOneHourFromNow("UTC", instant)).toBe("at(2026-07-01T23:30:00)");
    expect(atOneHourFromNow("Europe/Berlin", instant)).toBe("at(2026-07-02T01:30:00)");
    expect(atOneHourFromNow("UTC", new Date("2026-12-31T23:10:00Z"))).toBe("at(2027-01-01T00:10:00)");
  });

  it("throws for an unknown zone rather than writing a wrong time", () => {
    expect(() => atExpression(instant, "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("time zones", () => {
  it("lists only zones Intl knows, UTC first", () => {
    expect(COMMON_TIME_ZONES[0]).toBe("UTC");
    for (const z of COMMON_TIME_ZONES) expect(isKnownTimeZone(z), z).toBe(true);
    expect(new Set(COMMON_TIME_ZONES).size).toBe(COMMON_TIME_ZONES.length);
  });

  it("puts the browser's zone first without repeating it", () => {
    expect(timeZoneOptions("Europe/Berlin")[0]).toBe("Europe/Berlin");
    expect(timeZoneOptions("Europe/Berlin").filter((z) => z === "Europe/Berlin")).toHaveLength(1);
    expect(timeZoneOptions("Antarctica/Troll")).toHaveLength(COMMON_TIME_ZONES.length + 1);
    expect(timeZoneOptions(undefined)).toEqual([...COMMON_TIME_ZONES]);
  });

  it("knows the browser's zone", () => {
    expect(isKnownTimeZone(browserTimeZone())).toBe(true);
  });

  it("formats instants in a zone and survives an unknown one", () => {
    expect(formatInZone("2026-03-29T01:30:00Z", "Europe/London")).toBe("2026-03-29 02:30:00"); // BST began at 01:00 UTC
    expect(formatInZone("2026-03-29T00:30:00Z", "Europe/London")).toBe("2026-03-29 00:30:00");
    expect(formatInZone("2026-03-29T00:30:00Z", "No/Where")).toBe("2026-03-29T00:30:00Z");
    expect(wallClockOf("2026-11-01T05:30:00Z", "America/New_York")).toEqual({
      year: 2026,
      month: 11,
      day: 1,
      hour: 1,
      minute: 30,
      second: 0,
    });
  });
});
