import { describe, expect, it } from "vitest";
import { nextFireTimes, parseScheduleExpression } from "@/lib/scheduler/expression";
import { fires, utc } from "@/lib/scheduler/test/helpers";

// Expected dates worked out by hand from a 2026 calendar: Jan 1 is a Thursday, Feb 1 and
// Mar 1 Sundays, Apr 1 a Wednesday, May 1 a Friday, Aug 1 a Saturday.
describe("cron() next five, UTC", () => {
  it("every 15 minutes in office hours on weekdays, across a weekend", () => {
    expect(fires("cron(0/15 9-17 ? * MON-FRI *)", "2026-01-02T17:40:00Z")).toEqual(
      utc("2026-01-02T17:45", "2026-01-05T09:00", "2026-01-05T09:15", "2026-01-05T09:30", "2026-01-05T09:45"),
    );
  });

  it("a list of minutes, every 6 hours, on days 1-3", () => {
    expect(fires("cron(5,35 */6 1-3 * ? *)", "2026-01-31T00:00:00Z")).toEqual(
      utc("2026-02-01T00:05", "2026-02-01T00:35", "2026-02-01T06:05", "2026-02-01T06:35", "2026-02-01T12:05"),
    );
  });

  it("fires at second 0, strictly after `after`", () => {
    expect(fires("cron(* * * * ? *)", "2026-01-01T10:00:00Z", { count: 2 })).toEqual(
      utc("2026-01-01T10:01", "2026-01-01T10:02"),
    );
    expect(fires("cron(* * * * ? *)", "2026-01-01T10:00:59.999Z", { count: 1 })).toEqual(utc("2026-01-01T10:01"));
    expect(fires("cron(* * * * ? *)", "2026-01-01T09:59:00.001Z", { count: 1 })).toEqual(utc("2026-01-01T10:00"));
  });

  it("rolls over the end of a year", () => {
    expect(fires("cron(30 23 31 DEC ? *)", "2026-06-01T00:00:00Z", { count: 2 })).toEqual(
      utc("2026-12-31T23:30", "2027-12-31T23:30"),
    );
  });

  it("first Monday of each month (2#1)", () => {
    expect(fires("cron(0 8 ? * 2#1 *)", "2026-01-01T00:00:00Z")).toEqual(
      utc("2026-01-05T08:00", "2026-02-02T08:00", "2026-03-02T08:00", "2026-04-06T08:00", "2026-05-04T08:00"),
    );
  });

  it("second Tuesday (3#2)", () => {
    expect(fires("cron(0 0 ? * 3#2 *)", "2026-01-01T00:00:00Z")).toEqual(
      utc("2026-01-13T00:00", "2026-02-10T00:00", "2026-03-10T00:00", "2026-04-14T00:00", "2026-05-12T00:00"),
    );
  });

  it("fifth Friday only in months that have one (6#5)", () => {
    // Fridays 2026: Jan 30 (5th), May 29, Jul 31, Oct 30.
    expect(fires("cron(0 0 ? * FRI#5 *)", "2026-01-01T00:00:00Z", { count: 4 })).toEqual(
      utc("2026-01-30T00:00", "2026-05-29T00:00", "2026-07-31T00:00", "2026-10-30T00:00"),
    );
  });

  it("last Thursday (5L)", () => {
    expect(fires("cron(0 0 ? * 5L *)", "2026-01-01T00:00:00Z")).toEqual(
      utc("2026-01-29T00:00", "2026-02-26T00:00", "2026-03-26T00:00", "2026-04-30T00:00", "2026-05-28T00:00"),
    );
  });

  it("'L' alone in day-of-week is Saturday", () => {
    expect(fires("cron(0 0 ? * L *)", "2026-01-01T00:00:00Z", { count: 2 })).toEqual(
      utc("2026-01-03T00:00", "2026-01-10T00:00"),
    );
  });

  it("last day of the month (L), leap years included", () => {
    expect(fires("cron(0 12 L * ? *)", "2027-12-01T00:00:00Z")).toEqual(
      utc("2027-12-31T12:00", "2028-01-31T12:00", "2028-02-29T12:00", "2028-03-31T12:00", "2028-04-30T12:00"),
    );
  });

  it("last weekday of the month (LW)", () => {
    // Jan 31 is a Saturday → Fri 30; Feb 28 Saturday → Fri 27; May 31 Sunday → Fri 29.
    expect(fires("cron(0 0 LW * ? *)", "2026-01-01T00:00:00Z")).toEqual(
      utc("2026-01-30T00:00", "2026-02-27T00:00", "2026-03-31T00:00", "2026-04-30T00:00", "2026-05-29T00:00"),
    );
  });

  it("nearest weekday (15W)", () => {
    // Feb 15 and Mar 15 are Sundays → Monday 16; Aug 15 is a Saturday → Friday 14.
    expect(fires("cron(0 0 15W * ? *)", "2026-01-01T00:00:00Z")).toEqual(
      utc("2026-01-15T00:00", "2026-02-16T00:00", "2026-03-16T00:00", "2026-04-15T00:00", "2026-05-15T00:00"),
    );
    expect(fires("cron(0 0 15W 8 ? *)", "2026-01-01T00:00:00Z", { count: 1 })).toEqual(utc("2026-08-14T00:00"));
  });

  it("W never crosses into another month", () => {
    // Aug 1 2026 is a Saturday: 1W is Monday Aug 3, not Friday Jul 31.
    expect(fires("cron(0 0 1W 8 ? 2026)", "2026-01-01T00:00:00Z")).toEqual(utc("2026-08-03T00:00"));
    // Feb 1 2026 is a Sunday: Monday Feb 2.
    expect(fires("cron(0 0 1W 2 ? 2026)", "2026-01-01T00:00:00Z")).toEqual(utc("2026-02-02T00:00"));
    // May 31 2026 is a Sunday: 31W is Friday May 29, not Monday Jun 1.
    expect(fires("cron(0 0 31W 5 ? 2026)", "2026-01-01T00:00:00Z")).toEqual(utc("2026-05-29T00:00"));
    // 31W names nothing in 30-day months: from March it goes Mar 31 (Tue), May 29, Jul 31 (Fri).
    expect(fires("cron(0 0 31W * ? 2026)", "2026-03-01T00:00:00Z", { count: 3 })).toEqual(
      utc("2026-03-31T00:00", "2026-05-29T00:00", "2026-07-31T00:00"),
    );
  });

  it("W on a day already past this month moves to next month", () => {
    // 15W in August 2026 is Friday the 14th; from the 15th on, the next is Sep 15 (Tuesday).
    expect(fires("cron(0 0 15W * ? *)", "2026-08-14T12:00:00Z", { count: 1 })).toEqual(utc("2026-09-15T00:00"));
  });

  it("honours the year field and stops after the last year", () => {
    expect(fires("cron(0 12 1 JAN,JUL ? 2026/2)", "2026-03-01T00:00:00Z")).toEqual(
      utc("2026-07-01T12:00", "2028-01-01T12:00", "2028-07-01T12:00", "2030-01-01T12:00", "2030-07-01T12:00"),
    );
    expect(fires("cron(0 0 1 1 ? 2027,2029-2030)", "2026-01-01T00:00:00Z")).toEqual(
      utc("2027-01-01T00:00", "2029-01-01T00:00", "2030-01-01T00:00"),
    );
    expect(fires("cron(0 0 1 1 ? 2020)", "2026-01-01T00:00:00Z")).toEqual([]);
    expect(fires("cron(* * * * ? 2199)", "2199-12-31T23:57:00Z")).toEqual(utc("2199-12-31T23:58", "2199-12-31T23:59"));
  });

  it("Feb 29 only in leap years, skipping 2100", () => {
    expect(fires("cron(0 0 29 2 ? *)", "2092-01-01T00:00:00Z", { count: 3 })).toEqual(
      utc("2092-02-29T00:00", "2096-02-29T00:00", "2104-02-29T00:00"),
    );
  });

  it("respects start and end", () => {
    const start = new Date("2026-01-10T00:00:00Z");
    expect(fires("cron(0 0 * * ? *)", "2026-01-01T00:00:00Z", { start, count: 2 })).toEqual(
      utc("2026-01-10T00:00", "2026-01-11T00:00"),
    );
    expect(fires("cron(0 0 * * ? *)", "2026-01-01T00:00:00Z", { end: new Date("2026-01-03T00:00:00Z") })).toEqual(
      utc("2026-01-02T00:00", "2026-01-03T00:00"),
    );
  });
});

describe("cron() that never fires", () => {
  it("gives up quickly and returns what it found", () => {
    // Passes parsing (Feb 29 exists) but none of these years is a leap year.
    const never = parseScheduleExpression("cron(* * 29 2 ? 2101-2103)");
    // A fifth Sunday in February needs a leap year starting on Sunday: none in 2033-2059.
    const rare = parseScheduleExpression("cron(* * ? 2 SUN#5 2033-2059)");
    // The year range 1970-2199 with a rule that never matches, searched to the end.
    const t0 = performance.now();
    expect(nextFireTimes(never, { after: new Date("2026-01-01T00:00:00Z"), count: 5 })).toEqual([]);
    expect(
      nextFireTimes(rare, { after: new Date("2026-01-01T00:00:00Z"), count: 5, timeZone: "Europe/Berlin" }),
    ).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it("finds a rare date decades ahead without stepping minute by minute", () => {
    const t0 = performance.now();
    expect(fires("cron(0 0 ? 2 SUN#5 *)", "2033-01-01T00:00:00Z", { count: 3 })).toEqual(
      utc("2060-02-29T00:00", "2088-02-29T00:00", "2128-02-29T00:00"),
    );
    expect(performance.now() - t0).toBeLessThan(100);
  });
});
