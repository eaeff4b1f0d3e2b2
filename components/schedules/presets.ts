/** The expression builder's presets, the at() builder and the time zones offered (pure). */
import { isoLocal, wallClockOf } from "@/components/schedules/zoned-time";

export interface SchedulePreset {
  label: string;
  expression: string;
}

export const SCHEDULE_PRESETS: readonly SchedulePreset[] = [
  { label: "Every minute", expression: "rate(1 minute)" },
  { label: "Every 5 minutes", expression: "rate(5 minutes)" },
  { label: "Every hour", expression: "rate(1 hour)" },
  { label: "Every day at 08:00", expression: "cron(0 8 * * ? *)" },
  { label: "Weekdays at 09:00", expression: "cron(0 9 ? * MON-FRI *)" },
];

/** at(yyyy-mm-ddThh:mm:ss) for the wall-clock time `instant` shows in `timeZone`. */
export function atExpression(instant: Date, timeZone: string): string {
  return `at(${isoLocal(wallClockOf(instant, timeZone))})`;
}

/** "Once at…": one hour from now, on the whole minute, written in the schedule's zone. */
export function atOneHourFromNow(timeZone: string, now: Date = new Date()): string {
  const t = new Date(now.getTime() + 60 * 60 * 1000);
  t.setUTCSeconds(0, 0);
  return atExpression(t, timeZone);
}

export const COMMON_TIME_ZONES: readonly string[] = [
  "UTC",
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Toronto",
  "America/Mexico_City",
  "America/Sao_Paulo",
  "America/Argentina/Buenos_Aires",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Europe/Rome",
  "Europe/Amsterdam",
  "Europe/Stockholm",
  "Europe/Warsaw",
  "Europe/Athens",
  "Europe/Istanbul",
  "Europe/Moscow",
  "Africa/Cairo",
  "Africa/Johannesburg",
  "Africa/Lagos",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Bangkok",
  "Asia/Singapore",
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Australia/Perth",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Pacific/Honolulu",
];

/** The zone list for the datalist: the browser's own first, then the common ones, no repeats. */
export function timeZoneOptions(browserZone: string | undefined): string[] {
  return [...new Set([...(browserZone ? [browserZone] : []), ...COMMON_TIME_ZONES])];
}

/** The browser's IANA zone (the form's default); UTC when the browser does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}
