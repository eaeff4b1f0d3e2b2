/**
 * Cross-checks the field-skipping search against a deliberately naive oracle that looks at
 * every single minute and evaluates the day rules its own way (nearest weekday as "closest
 * Monday-Friday in the month", nth weekday as "ceil(day / 7)"), on pseudo-random crons.
 */
import { describe, expect, it } from "vitest";
import {
  nextFireTimes,
  parseScheduleExpression,
  type CronDayRule,
  type CronSchedule,
} from "@/lib/scheduler/expression";

const PIECES = {
  minutes: ["*", "0", "*/7", "5-20/5", "0,30", "59", "10-12"],
  hours: ["*", "1", "0-3", "*/5", "1,2,3", "22-23", "2"],
  dom: ["*", "1", "L", "LW", "15W", "1W", "31W", "10-20/3", "28-31", "29"],
  dow: ["*", "MON-FRI", "1", "SUN#1", "6L", "L", "2,4", "7#5"],
  month: ["*", "3", "3,11", "FEB-APR", "*/2", "10-11"],
  year: ["*", "2026", "2026-2027"],
};

function randomCrons(n: number, seed: number): string[] {
  let s = seed;
  // LCG; the low bits of an LCG cycle quickly, so use the high ones.
  const pick = <T>(xs: T[]) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return xs[(s >>> 16) % xs.length];
  };
  return Array.from({ length: n }, () => {
    const byDom = pick([true, false]);
    const [dom, dow] = byDom ? [pick(PIECES.dom), "?"] : ["?", pick(PIECES.dow)];
    return `cron(${pick(PIECES.minutes)} ${pick(PIECES.hours)} ${dom} ${pick(PIECES.month)} ${dow} ${pick(PIECES.year)})`;
  });
}

function dayMatches(rule: CronDayRule, y: number, m: number, d: number): boolean {
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const wd = (day: number) => new Date(Date.UTC(y, m - 1, day)).getUTCDay() + 1;
  const isBusiness = (day: number) => wd(day) >= 2 && wd(day) <= 6;
  const monthDays = Array.from({ length: dim }, (_, i) => i + 1);
  switch (rule.type) {
    case "monthDays":
      return rule.days.includes(d);
    case "lastDay":
      return d === dim;
    case "lastBusinessDay":
      return isBusiness(d) && !monthDays.some((k) => k > d && isBusiness(k));
    case "nearestBusinessDay": {
      if (rule.day > dim) return false;
      const best = monthDays.filter(isBusiness).sort((a, b) => Math.abs(a - rule.day) - Math.abs(b - rule.day))[0];
      return d === best;
    }
    case "weekDays":
      return rule.days.includes(wd(d));
    case "lastWeekDay":
      return wd(d) === rule.weekDay && d + 7 > dim;
    case "nthWeekDay":
      return wd(d) === rule.weekDay && Math.ceil(d / 7) === rule.nth;
  }
}

function wallMatches(c: CronSchedule, y: number, mo: number, d: number, h: number, mi: number): boolean {
  return (
    c.minutes.includes(mi) &&
    c.hours.includes(h) &&
    c.years.includes(y) &&
    c.months.includes(mo) &&
    dayMatches(c.dayRule, y, mo, d)
  );
}

type Reading = readonly [number, number, number, number, number];
const readings = new Map<string, Map<number, Reading>>(); // the same windows are read for every cron

/** Local [year, month, day, hour, minute] at instant t, straight from Intl. */
function localParts(timeZone: string): (t: number) => Reading {
  const f = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
  const cache = readings.get(timeZone) ?? new Map<number, Reading>();
  readings.set(timeZone, cache);
  return (t) => {
    let r = cache.get(t);
    if (!r) {
      const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, Number(x.value)]));
      r = [p.year!, p.month!, p.day!, p.hour!, p.minute!]; // the parts asked for above
      cache.set(t, r);
    }
    return r;
  };
}

/** UTC needs no zone: every minute of every day in [from, to), with the day rule checked per day. */
function utcOracle(c: CronSchedule, from: number, to: number): number[] {
  const out: number[] = [];
  for (let day = from; day < to; day += 86_400_000) {
    const u = new Date(day);
    const [y, mo, d] = [u.getUTCFullYear(), u.getUTCMonth() + 1, u.getUTCDate()];
    if (!c.years.includes(y) || !c.months.includes(mo) || !dayMatches(c.dayRule, y, mo, d)) continue;
    for (let minute = 0; minute < 1440; minute++) {
      if (c.hours.includes(Math.floor(minute / 60)) && c.minutes.includes(minute % 60)) out.push(day + minute * 60_000);
    }
  }
  return out;
}

/** Every instant in [from, to] the cron fires at, by checking each minute's local reading. */
function oracle(c: CronSchedule, timeZone: string, from: number, to: number, nextValid: boolean): number[] {
  const local = localParts(timeZone);
  const seen = new Set<number>();
  const out: number[] = [];
  let prevWall: number | undefined;
  for (let t = from - 6 * 3_600_000; t <= to; t += 60_000) {
    const [y, mo, d, h, mi] = local(t);
    const wall = Date.UTC(y, mo - 1, d, h, mi);
    const first = !seen.has(wall);
    seen.add(wall);
    let fire = first && wallMatches(c, y, mo, d, h, mi);
    if (nextValid && prevWall !== undefined && wall - prevWall > 60_000) {
      // Clocks jumped: the skipped wall minutes fire here, once.
      for (let w = prevWall + 60_000; w < wall; w += 60_000) {
        const g = new Date(w);
        if (wallMatches(c, g.getUTCFullYear(), g.getUTCMonth() + 1, g.getUTCDate(), g.getUTCHours(), g.getUTCMinutes()))
          fire = true;
      }
    }
    prevWall = wall;
    if (fire && t >= from) out.push(t);
  }
  return out;
}

function viaSearch(c: CronSchedule, timeZone: string, from: number, to: number, nextValid: boolean): number[] {
  return nextFireTimes(c, {
    after: new Date(from - 1),
    count: 1_000_000,
    timeZone,
    end: new Date(to),
    nonexistentTime: nextValid ? "next-valid" : "skip",
  }).map((d) => d.getTime());
}

/** undefined when equal, else the first instant where the lists part (cheap on 100k-long lists). */
function firstDifference(got: number[], want: number[]): string | undefined {
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    if (got[i] !== want[i]) {
      const show = (t: number | undefined) => (t === undefined ? "nothing" : new Date(t).toISOString());
      return `#${i}: search gave ${show(got[i])}, oracle ${show(want[i])}`;
    }
  }
  return undefined;
}

describe("search agrees with a minute-by-minute oracle", () => {
  it("UTC, 14 months, 200 random crons", () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 2, 1);
    for (const expr of randomCrons(200, 7)) {
      const c = parseScheduleExpression(expr) as CronSchedule;
      expect(firstDifference(viaSearch(c, "UTC", from, to - 1, false), utcOracle(c, from, to)), expr).toBeUndefined();
    }
  });

  const windows: [string, string][] = [
    ["America/New_York", "2026-03-07T12:00:00Z"],
    ["America/New_York", "2026-10-31T12:00:00Z"],
    ["Europe/Berlin", "2026-03-28T12:00:00Z"],
    ["Europe/Berlin", "2026-10-24T12:00:00Z"],
    ["Australia/Lord_Howe", "2026-10-03T00:00:00Z"],
    ["Australia/Lord_Howe", "2026-04-04T00:00:00Z"],
  ];
  const hourly = [
    "cron(* * * * ? *)",
    "cron(*/7 * * * ? *)",
    "cron(0,30 * * * ? *)",
    "cron(15 0-3 * * ? *)",
    "cron(45 1,2 ? * SUN *)",
  ];
  it.each(windows)("%s around %s, skip and next-valid", (timeZone, start) => {
    const from = new Date(start).getTime();
    const to = from + 2 * 86_400_000;
    for (const expr of hourly) {
      const c = parseScheduleExpression(expr) as CronSchedule;
      for (const nextValid of [false, true]) {
        const diff = firstDifference(
          viaSearch(c, timeZone, from, to, nextValid),
          oracle(c, timeZone, from, to, nextValid),
        );
        expect(diff, `${expr} next-valid=${nextValid}`).toBeUndefined();
      }
    }
  });
});
