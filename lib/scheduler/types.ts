/**
 * The parsed forms of EventBridge Scheduler expressions. Plain data (arrays, no Sets or
 * classes) so a parsed schedule survives JSON and structured clone between server and console.
 */

export type RateUnit = "minute" | "hour" | "day";

export type RateSchedule = {
  kind: "rate";
  expression: string;
  value: number;
  unit: RateUnit;
  /** value × unit; a day is 24 h of elapsed time, never a calendar day (EventBridge does the same). */
  everyMs: number;
};

/** A wall-clock time with no zone attached; the schedule's time zone gives it meaning. */
export type LocalDateTime = {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number; // 0-23
  minute: number;
  second: number;
};

export type AtSchedule = {
  kind: "at";
  expression: string;
  local: LocalDateTime;
};

/**
 * Which days a cron fires on. EventBridge lets only one of day-of-month / day-of-week carry a
 * value (the other must be '?'), so exactly one rule applies. Day-of-week numbers are AWS's:
 * 1 = Sunday … 7 = Saturday.
 */
export type CronDayRule =
  | { type: "monthDays"; days: number[] } // "1,15", "1-7", "*"
  | { type: "lastDay" } // "L"
  | { type: "lastBusinessDay" } // "LW"
  | { type: "nearestBusinessDay"; day: number } // "15W"
  | { type: "weekDays"; days: number[] } // "MON-FRI", "*"
  | { type: "lastWeekDay"; weekDay: number } // "5L": last Thursday
  | { type: "nthWeekDay"; weekDay: number; nth: number }; // "3#2": second Tuesday

export type CronSchedule = {
  kind: "cron";
  expression: string;
  /** Each list is sorted ascending and has no duplicates. */
  minutes: number[];
  hours: number[];
  months: number[];
  years: number[];
  dayRule: CronDayRule;
};

export type ParsedSchedule = RateSchedule | CronSchedule | AtSchedule;

/** Internal to the parsers: a slice of the expression and where it starts in it (0-based). */
export type Token = { text: string; position: number };
