import { describe, expect, it } from "vitest";
import { ScheduleTimeZoneError, validateTimeZone } from "@/lib/scheduler/expression";
import { fires, utc } from "@/lib/scheduler/test/helpers";

// 2026 transitions (tzdb): New York 2026-03-08 02:00 EST → 03:00 EDT (07:00Z) and
// 2026-11-01 02:00 EDT → 01:00 EST (06:00Z); Berlin 2026-03-29 02:00 CET → 03:00 CEST (01:00Z)
// and 2026-10-25 03:00 CEST → 02:00 CET (01:00Z); Lord Howe 2026-04-05 02:00 → 01:30 (+11 →
// +10:30) and 2026-10-04 02:00 → 02:30 (+10:30 → +11).
const NY = { timeZone: "America/New_York" };
const BERLIN = { timeZone: "Europe/Berlin" };
const NEXT_VALID = { nonexistentTime: "next-valid" } as const;

describe("America/New_York", () => {
  it("spring forward: a daily 02:30 is skipped on the day 02:30 does not exist", () => {
    expect(fires("cron(30 2 * * ? *)", "2026-03-07T00:00:00Z", { ...NY, count: 3 })).toEqual(
      utc("2026-03-07T07:30", "2026-03-09T06:30", "2026-03-10T06:30"),
    );
  });

  it("spring forward with next-valid: 02:30 fires at 03:00 EDT", () => {
    expect(fires("cron(30 2 * * ? *)", "2026-03-07T00:00:00Z", { ...NY, ...NEXT_VALID, count: 3 })).toEqual(
      utc("2026-03-07T07:30", "2026-03-08T07:00", "2026-03-09T06:30"),
    );
  });

  it("spring forward: hourly and half-hourly runs lose the missing hour, and fire once at 03:00 with next-valid", () => {
    expect(fires("cron(0 * * * ? *)", "2026-03-08T05:30:00Z", { ...NY, count: 3 })).toEqual(
      utc("2026-03-08T06:00", "2026-03-08T07:00", "2026-03-08T08:00"), // 01:00 EST, 03:00 EDT, 04:00 EDT
    );
    // 02:00, 02:30 and 03:00 all land on 03:00 EDT: one invocation, not three.
    expect(fires("cron(0/30 * * * ? *)", "2026-03-08T05:30:00Z", { ...NY, ...NEXT_VALID, count: 4 })).toEqual(
      utc("2026-03-08T06:00", "2026-03-08T06:30", "2026-03-08T07:00", "2026-03-08T07:30"),
    );
  });

  it("fall back: a daily 01:30 fires once, at the first (EDT) 01:30", () => {
    expect(fires("cron(30 1 * * ? *)", "2026-10-31T00:00:00Z", { ...NY, count: 3 })).toEqual(
      utc("2026-10-31T05:30", "2026-11-01T05:30", "2026-11-02T06:30"),
    );
  });

  it("fall back: the repeated hour does not fire again", () => {
    // 01:00 and 01:30 EDT fire; 01:00 and 01:30 EST are the same wall times and do not.
    expect(fires("cron(0/30 * * * ? *)", "2026-11-01T04:45:00Z", NY)).toEqual(
      utc("2026-11-01T05:00", "2026-11-01T05:30", "2026-11-01T07:00", "2026-11-01T07:30", "2026-11-01T08:00"),
    );
    // Asked from inside the repeated hour (01:10 EST): next is 02:00 EST.
    expect(fires("cron(0/30 * * * ? *)", "2026-11-01T06:10:00Z", { ...NY, count: 1 })).toEqual(utc("2026-11-01T07:00"));
  });

  it("weekdays at 09:00 local keep local time across the change", () => {
    // Fri Mar 6 is EST (14:00Z), Mon Mar 9 is EDT (13:00Z).
    expect(fires("cron(0 9 ? * MON-FRI *)", "2026-03-06T00:00:00Z", { ...NY, count: 2 })).toEqual(
      utc("2026-03-06T14:00", "2026-03-09T13:00"),
    );
  });
});

describe("Europe/Berlin", () => {
  it("spring forward: 02:30 is skipped, or moved to 03:00 CEST with next-valid", () => {
    expect(fires("cron(30 2 * * ? *)", "2026-03-28T00:00:00Z", { ...BERLIN, count: 2 })).toEqual(
      utc("2026-03-28T01:30", "2026-03-30T00:30"),
    );
    expect(fires("cron(30 2 * * ? *)", "2026-03-28T00:00:00Z", { ...BERLIN, ...NEXT_VALID, count: 3 })).toEqual(
      utc("2026-03-28T01:30", "2026-03-29T01:00", "2026-03-30T00:30"),
    );
  });

  it("fall back: 02:30 fires once, at 02:30 CEST", () => {
    expect(fires("cron(30 2 * * ? *)", "2026-10-24T00:00:00Z", { ...BERLIN, count: 3 })).toEqual(
      utc("2026-10-24T00:30", "2026-10-25T00:30", "2026-10-26T01:30"),
    );
  });

  it("fall back: hourly runs skip the repeated 02:00", () => {
    // 02:00 CEST (00:00Z) fires; 02:00 CET (01:00Z) is a repeat; 03:00 CET is 02:00Z.
    expect(fires("cron(0 * * * ? *)", "2026-10-24T23:30:00Z", { ...BERLIN, count: 3 })).toEqual(
      utc("2026-10-25T00:00", "2026-10-25T02:00", "2026-10-25T03:00"),
    );
  });
});

describe("other zones", () => {
  it("Asia/Kolkata is +05:30 all year", () => {
    expect(fires("cron(0 9 * * ? *)", "2026-06-01T00:00:00Z", { timeZone: "Asia/Kolkata", count: 2 })).toEqual(
      utc("2026-06-01T03:30", "2026-06-02T03:30"),
    );
    // 23:30 on the last day of the month, local: 18:00Z the same day.
    expect(fires("cron(30 23 L * ? *)", "2026-01-01T00:00:00Z", { timeZone: "Asia/Kolkata", count: 2 })).toEqual(
      utc("2026-01-31T18:00", "2026-02-28T18:00"),
    );
  });

  it("Australia/Lord_Howe: a 30-minute gap and a 30-minute overlap", () => {
    const LH = { timeZone: "Australia/Lord_Howe" };
    // Oct 4: 02:00-02:29 do not exist. 02:15 is skipped, or fires at 02:30 (+11) = 15:30Z.
    expect(fires("cron(15 2 * * ? *)", "2026-10-02T00:00:00Z", { ...LH, count: 2 })).toEqual(
      utc("2026-10-02T15:45", "2026-10-04T15:15"),
    );
    expect(fires("cron(15 2 * * ? *)", "2026-10-02T00:00:00Z", { ...LH, ...NEXT_VALID, count: 3 })).toEqual(
      utc("2026-10-02T15:45", "2026-10-03T15:30", "2026-10-04T15:15"),
    );
    // Apr 5: 01:30-01:59 happen twice; 01:45 fires once, at +11.
    expect(fires("cron(45 1 * * ? *)", "2026-04-03T00:00:00Z", { ...LH, count: 3 })).toEqual(
      utc("2026-04-03T14:45", "2026-04-04T14:45", "2026-04-05T15:15"),
    );
  });

  it("evaluates the day fields in local time, not UTC", () => {
    // 00:30 on the 1st in Kolkata is still the previous month in UTC.
    expect(fires("cron(30 0 1 * ? *)", "2026-01-15T00:00:00Z", { timeZone: "Asia/Kolkata", count: 1 })).toEqual(
      utc("2026-01-31T19:00"),
    );
  });
});

describe("at()", () => {
  it("is read in the schedule's zone", () => {
    expect(fires("at(2026-07-01T09:00:00)", "2026-01-01T00:00:00Z", BERLIN)).toEqual(utc("2026-07-01T07:00"));
    expect(fires("at(2026-01-01T00:00:00)", "2025-06-01T00:00:00Z", { timeZone: "Asia/Kolkata" })).toEqual(
      utc("2025-12-31T18:30"),
    );
    expect(fires("at(2026-05-01T12:34:56)", "2026-01-01T00:00:00Z")).toEqual(["2026-05-01T12:34:56.000Z"]);
  });

  it("fires at most once and only if still ahead", () => {
    expect(fires("at(2026-07-01T09:00:00)", "2026-07-01T07:00:00Z", BERLIN)).toEqual([]);
    expect(fires("at(2026-07-01T09:00:00)", "2026-07-01T06:59:59Z", { ...BERLIN, count: 5 })).toHaveLength(1);
  });

  it("in a gap fires when the clocks jump (never skipped); in an overlap, at the first occurrence", () => {
    expect(fires("at(2026-03-08T02:30:00)", "2026-01-01T00:00:00Z", NY)).toEqual(utc("2026-03-08T07:00"));
    expect(fires("at(2026-11-01T01:30:00)", "2026-01-01T00:00:00Z", NY)).toEqual(utc("2026-11-01T05:30"));
  });

  it("ignores start and end, as EventBridge does for one-time schedules", () => {
    const opts = { start: new Date("2027-01-01T00:00:00Z"), end: new Date("2026-02-01T00:00:00Z") };
    expect(fires("at(2026-07-01T09:00:00)", "2026-01-01T00:00:00Z", opts)).toEqual(utc("2026-07-01T09:00"));
  });
});

describe("validateTimeZone", () => {
  it("accepts IANA names and UTC", () => {
    for (const tz of [
      "UTC",
      "Etc/UTC",
      "America/New_York",
      "Europe/Berlin",
      "Asia/Kolkata",
      "Australia/Lord_Howe",
      "Etc/GMT+5",
    ]) {
      expect(() => validateTimeZone(tz)).not.toThrow();
    }
  });

  it("refuses unknown zones with a clear message and a suggestion", () => {
    expect(() => validateTimeZone("Europe/Berln")).toThrow(
      "unknown time zone 'Europe/Berln': use an IANA name such as 'America/New_York' or 'UTC' (did you mean 'Europe/Berlin'?)",
    );
    expect(() => validateTimeZone("new york")).toThrow("did you mean 'America/New_York'?");
    expect(() => validateTimeZone("+05:30")).toThrow(ScheduleTimeZoneError);
    expect(() => validateTimeZone("")).toThrow("time zone is empty");
  });

  it("is applied by nextFireTimes", () => {
    expect(() => fires("cron(0 0 * * ? *)", "2026-01-01T00:00:00Z", { timeZone: "Mars/Olympus" })).toThrow(
      "unknown time zone 'Mars/Olympus'",
    );
  });
});
