/**
 * Proleptic Gregorian calendar arithmetic on plain numbers. UTC Date methods are used only as a
 * calculator (no zone is involved), which keeps the cron search free of time-zone effects.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function daysInMonth(year: number, month: number): number {
  return new Date(wallMs(year, month + 1, 0)).getUTCDate();
}

/** AWS numbering: 1 = Sunday … 7 = Saturday. */
export function weekDayOf(year: number, month: number, day: number): number {
  return new Date(wallMs(year, month, day)).getUTCDay() + 1;
}

/** The longest a month can be in any year (February: 29). */
export function maxDaysInMonth(month: number): number {
  return month === 2 ? 29 : daysInMonth(2001, month);
}

/** A wall-clock minute as milliseconds since 1970 "as if UTC": handy for adding minutes. */
export function wallMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

export type WallFields = { year: number; month: number; day: number; hour: number; minute: number };

export function wallFields(ms: number): WallFields {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
