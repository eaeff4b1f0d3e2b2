import { describe, expect, it } from "vitest";
import { nextFireTimes, parseScheduleExpression } from "@/lib/scheduler/expression";
import { fires, refusal, utc } from "@/lib/scheduler/test/helpers";

describe("rate() parsing", () => {
  it("accepts singular units for 1 and plural ones otherwise", () => {
    expect(parseScheduleExpression("rate(1 minute)")).toEqual({
      kind: "rate",
      expression: "rate(1 minute)",
      value: 1,
      unit: "minute",
      everyMs: 60_000,
    });
    expect(parseScheduleExpression("rate(5 minutes)")).toMatchObject({ value: 5, unit: "minute", everyMs: 300_000 });
    expect(parseScheduleExpression("rate(1 hour)")).toMatchObject({ everyMs: 3_600_000 });
    expect(parseScheduleExpression("rate(12 hours)")).toMatchObject({ unit: "hour", everyMs: 43_200_000 });
    expect(parseScheduleExpression("rate(1 day)")).toMatchObject({ everyMs: 86_400_000 });
    expect(parseScheduleExpression("rate(30 days)")).toMatchObject({ unit: "day", everyMs: 30 * 86_400_000 });
  });

  it("refuses the wrong number and says which form to use", () => {
    const one = refusal("rate(1 minutes)");
    expect(one.message).toBe("rate: the unit is singular when the value is 1: write 'rate(1 minute)' (at character 8)");
    expect([one.position, one.length]).toEqual([7, 7]);
    expect(refusal("rate(5 minute)").message).toContain("write 'rate(5 minutes)'");
    expect(refusal("rate(1 days)").message).toContain("write 'rate(1 day)'");
    expect(refusal("rate(2 hour)").message).toContain("write 'rate(2 hours)'");
  });

  it("refuses values that are not positive whole numbers", () => {
    for (const bad of ["rate(0 minutes)", "rate(-5 minutes)", "rate(1.5 hours)", "rate(five minutes)"]) {
      const err = refusal(bad);
      expect(err.message).toMatch(/^rate: value '.*' must be a positive whole number/);
      expect(err.position).toBe(5);
    }
  });

  it("refuses unknown units, missing parts and stray spaces, pointing at them", () => {
    expect(refusal("rate(5 seconds)").message).toBe(
      "rate: unit 'seconds' is not valid: use minute(s), hour(s) or day(s) (at character 8)",
    );
    expect(refusal("rate(5 Minutes)").message).toContain("unit 'Minutes' is not valid");
    expect(refusal("rate(5)").message).toBe(
      "rate: missing unit after '5': use minutes, hours or days (at character 7)",
    );
    expect(refusal("rate(5minutes)").message).toBe("rate: put a space between '5' and 'minutes' (at character 7)");
    expect(refusal("rate(5  minutes)").position).toBe(7);
    expect(refusal("rate( 5 minutes)").position).toBe(5);
    expect(refusal("rate()").message).toContain("expected 'rate(value unit)'");
    expect(refusal("rate(99999999999 days)").message).toContain("too long a period");
  });
});

describe("rate() fire times", () => {
  const start = new Date("2026-01-01T00:00:00Z");

  it("fires at start + k × period, strictly after `after`", () => {
    expect(fires("rate(5 minutes)", "2026-01-01T00:07:00Z", { start })).toEqual(
      utc("2026-01-01T00:10", "2026-01-01T00:15", "2026-01-01T00:20", "2026-01-01T00:25", "2026-01-01T00:30"),
    );
    // Exactly on a fire time: that one is not "after".
    expect(fires("rate(5 minutes)", "2026-01-01T00:10:00Z", { start, count: 1 })).toEqual(utc("2026-01-01T00:15"));
  });

  it("fires at start itself when start is still ahead (EventBridge invokes at StartDate)", () => {
    expect(fires("rate(2 hours)", "2025-12-31T00:00:00Z", { start, count: 3 })).toEqual(
      utc("2026-01-01T00:00", "2026-01-01T02:00", "2026-01-01T04:00"),
    );
  });

  it("counts from `after` when no start is given", () => {
    expect(fires("rate(1 hour)", "2026-01-01T00:00:30Z", { count: 2 })).toEqual([
      "2026-01-01T01:00:30.000Z",
      "2026-01-01T02:00:30.000Z",
    ]);
  });

  it("keeps a day at 24 h across DST, whatever the zone", () => {
    // New York springs forward on 2026-03-08: still every 24 h of elapsed time.
    expect(
      fires("rate(1 day)", "2026-03-06T12:00:00Z", {
        start: new Date("2026-03-06T12:00:00Z"),
        timeZone: "America/New_York",
        count: 3,
      }),
    ).toEqual(utc("2026-03-07T12:00", "2026-03-08T12:00", "2026-03-09T12:00"));
  });

  it("stops at end and returns nothing for count 0", () => {
    expect(fires("rate(10 minutes)", "2026-01-01T00:00:00Z", { start, end: new Date("2026-01-01T00:30:00Z") })).toEqual(
      utc("2026-01-01T00:10", "2026-01-01T00:20", "2026-01-01T00:30"),
    );
    expect(nextFireTimes(parseScheduleExpression("rate(1 minute)"), { after: start, count: 0 })).toEqual([]);
  });

  it("rejects bad options plainly", () => {
    const s = parseScheduleExpression("rate(1 minute)");
    expect(() => nextFireTimes(s, { after: new Date("nope"), count: 1 })).toThrow("after must be a valid Date");
    expect(() => nextFireTimes(s, { after: start, count: -1 })).toThrow("count must be a whole number");
  });
});
