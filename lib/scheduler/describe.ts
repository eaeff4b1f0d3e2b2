/**
 * Plain-English summaries for the console ("every 5 minutes", "at 08:00 on Monday through
 * Friday"). Best effort: unusual combinations read mechanically but stay correct.
 */
import { MONTH_NAMES, WEEKDAY_NAMES } from "@/lib/scheduler/calendar";
import type { CronDayRule, CronSchedule, ParsedSchedule } from "@/lib/scheduler/types";

const ORDINALS = ["first", "second", "third", "fourth", "fifth"];
const pad = (n: number) => String(n).padStart(2, "0");

export function describeSchedule(schedule: ParsedSchedule): string {
  switch (schedule.kind) {
    case "rate":
      return schedule.value === 1 ? `every ${schedule.unit}` : `every ${schedule.value} ${schedule.unit}s`;
    case "at": {
      const l = schedule.local;
      return `once at ${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}`;
    }
    case "cron":
      return [
        describeTime(schedule),
        describeDays(schedule.dayRule),
        describeMonths(schedule.months),
        describeYears(schedule.years),
      ]
        .filter(Boolean)
        .join(" ");
  }
}

function describeTime({ minutes, hours }: CronSchedule): string {
  const allHours = hours.length === 24;
  if (minutes.length === 1 && hours.length <= 4) {
    return `at ${joinWords(hours.map((h) => `${pad(h)}:${pad(minutes[0]!)}`))}`;
  }
  const step = stepOf(minutes, 0, 59);
  const minutePart =
    minutes.length === 60
      ? "every minute"
      : step && minutes[0] === 0
        ? `every ${step} minutes`
        : minutes.length === 1
          ? `at minute ${minutes[0]}`
          : `at minutes ${listOf(minutes, String)}`;
  const hourStep = allHours ? 1 : hours[0] === 0 ? stepOf(hours, 0, 23) : undefined;
  if (minutes.length === 1 && hourStep) {
    return `every ${hourStep === 1 ? "hour" : `${hourStep} hours`} at minute ${minutes[0]}`;
  }
  if (allHours) return minutePart;
  return `${minutePart} during hour${hours.length > 1 ? "s" : ""} ${listOf(hours, String)}`;
}

function describeDays(rule: CronDayRule): string {
  switch (rule.type) {
    case "monthDays":
      return rule.days.length === 31 ? "" : `on day ${listOf(rule.days, String)} of the month`;
    case "lastDay":
      return "on the last day of the month";
    case "lastBusinessDay":
      return "on the last weekday of the month";
    case "nearestBusinessDay":
      return `on the weekday nearest day ${rule.day} of the month`;
    case "weekDays":
      return rule.days.length === 7 ? "" : `on ${listOf(rule.days, (d) => WEEKDAY_NAMES[d - 1]!)}`;
    case "lastWeekDay":
      return `on the last ${WEEKDAY_NAMES[rule.weekDay - 1]} of the month`;
    case "nthWeekDay":
      return `on the ${ORDINALS[rule.nth - 1]} ${WEEKDAY_NAMES[rule.weekDay - 1]} of the month`;
  }
}

function describeMonths(months: number[]): string {
  return months.length === 12 ? "" : `in ${listOf(months, (m) => MONTH_NAMES[m - 1]!)}`;
}

function describeYears(years: number[]): string {
  return years.length === 230 ? "" : `in ${listOf(years, String)}`;
}

/** The common step when `values` is start, start+s, … reaching the field's end; else undefined. */
function stepOf(values: number[], min: number, max: number): number | undefined {
  const [first, second] = values;
  if (first === undefined || second === undefined) return undefined; // fewer than two values
  const s = second - first;
  const regular = values.every((v, i) => v === first + i * s);
  return regular && first >= min && values.at(-1)! + s > max && s > 1 ? s : undefined;
}

/** "1, 3 and 5", with runs of three or more as "9 through 17". */
function listOf(values: number[], name: (v: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    // i <= j < values.length throughout, so these indexes exist.
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${name(values[i]!)} through ${name(values[j]!)}`);
    else for (let k = i; k <= j; k++) parts.push(name(values[k]!));
    i = j + 1;
  }
  return joinWords(parts);
}

function joinWords(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
