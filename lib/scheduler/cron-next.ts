/**
 * The next wall-clock minute a cron names, found by skipping whole years, months, days and
 * hours that cannot match instead of stepping minute by minute. Time zones are not involved
 * here: expression.ts maps the wall time to an instant.
 */
import { daysInMonth, wallFields, wallMs, weekDayOf } from "@/lib/scheduler/calendar";
import type { CronDayRule, CronSchedule } from "@/lib/scheduler/types";

/**
 * The earliest matching wall minute at or after `fromWall` (wall ms, see zone.ts), or null if
 * there is none up to the last year the cron allows (at most 2199, the year field's maximum).
 * Giving up only there, rather than after N years, costs little — a month that cannot match
 * is rejected in O(1) — and means "no result" is exact: the cron really never fires again.
 */
export function nextCronWall(cron: CronSchedule, fromWall: number): number | null {
  let { year, month, day, hour, minute } = wallFields(Math.ceil(fromWall / 60_000) * 60_000);
  for (;;) {
    // Each step either returns or moves forward; overflowing a field (hour 24, day 32, month
    // 13) is left for the next round to carry into the field above.
    const y = nextIn(cron.years, year);
    if (y === undefined) return null;
    if (y !== year) [year, month, day, hour, minute] = [y, 1, 1, 0, 0];

    const mo = nextIn(cron.months, month);
    if (mo === undefined) {
      [year, month, day, hour, minute] = [year + 1, 1, 1, 0, 0];
      continue;
    }
    if (mo !== month) [month, day, hour, minute] = [mo, 1, 0, 0];

    const d = nextDay(cron.dayRule, year, month, day);
    if (d === undefined) {
      [month, day, hour, minute] = [month + 1, 1, 0, 0];
      continue;
    }
    if (d !== day) [day, hour, minute] = [d, 0, 0];

    const h = nextIn(cron.hours, hour);
    if (h === undefined) {
      [day, hour, minute] = [day + 1, 0, 0];
      continue;
    }
    if (h !== hour) [hour, minute] = [h, 0];

    const mi = nextIn(cron.minutes, minute);
    if (mi === undefined) {
      [hour, minute] = [hour + 1, 0];
      continue;
    }
    return wallMs(year, month, day, hour, mi);
  }
}

/** Smallest value ≥ from in a sorted list (lists are at most 230 long: scanning is fine). */
function nextIn(sorted: number[], from: number): number | undefined {
  for (const v of sorted) if (v >= from) return v;
  return undefined;
}

/** The first day ≥ `from` in this month that the rule allows. */
export function nextDay(rule: CronDayRule, year: number, month: number, from: number): number | undefined {
  const last = daysInMonth(year, month);
  if (from > last) return undefined;
  const pick = (d: number | undefined) => (d !== undefined && d >= from && d <= last ? d : undefined);
  switch (rule.type) {
    case "monthDays":
      return pick(nextIn(rule.days, from));
    case "lastDay":
      return pick(last);
    case "lastBusinessDay":
      return pick(nearestBusinessDay(year, month, last, last));
    case "nearestBusinessDay":
      // A day the month lacks (31W in April) names nothing that month, as in Quartz.
      return rule.day > last ? undefined : pick(nearestBusinessDay(year, month, rule.day, last));
    case "weekDays": {
      const first = weekDayOf(year, month, from);
      for (let i = 0; i < 7; i++) {
        if (rule.days.includes(((first - 1 + i) % 7) + 1)) return pick(from + i);
      }
      return undefined;
    }
    case "lastWeekDay":
      return pick(last - ((weekDayOf(year, month, last) - rule.weekDay + 7) % 7));
    case "nthWeekDay": {
      const first = 1 + ((rule.weekDay - weekDayOf(year, month, 1) + 7) % 7);
      return pick(first + 7 * (rule.nth - 1));
    }
  }
}

/**
 * Monday-Friday day nearest to `day`, never leaving the month (AWS and Quartz): a Saturday
 * the 1st moves to Monday the 3rd, a Sunday the 31st back to Friday the 29th.
 */
function nearestBusinessDay(year: number, month: number, day: number, last: number): number {
  const wd = weekDayOf(year, month, day);
  if (wd === 7) return day === 1 ? 3 : day - 1; // Saturday
  if (wd === 1) return day === last ? day - 2 : day + 1; // Sunday
  return day;
}
