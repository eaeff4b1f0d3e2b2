/** Wall-clock times in an IANA zone with nothing but Intl (pure; the browser ships the zone data). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // hourCycle h23: "hour12: false" prints midnight as 24 on some ICU versions.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The date and time a clock in `timeZone` shows at `instant`; throws RangeError for an unknown zone. */
export function wallClockOf(instant: Date | string | number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "2026-03-08T02:30:00": the shape at() takes. */
export function isoLocal(w: WallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** "2026-03-08 02:30:00" in the zone; the raw value when the zone is unknown (never throws while rendering). */
export function formatInZone(instant: string | number | Date, timeZone: string): string {
  try {
    return isoLocal(wallClockOf(instant, timeZone)).replace("T", " ");
  } catch {
    return String(instant);
  }
}

/** True when Intl knows the zone (the server's check is stricter; this only guards formatting). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
