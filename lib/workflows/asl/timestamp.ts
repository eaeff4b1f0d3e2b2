/**
 * ASL timestamps: RFC 3339 (ISO 8601 extended) date-times with an uppercase `T` and either an
 * uppercase `Z` or a numeric offset, e.g. `2016-03-14T01:59:00Z`. Fractions of any length are
 * allowed. Browser-safe.
 */

/** A parsed timestamp: whole milliseconds since the epoch plus the sub-millisecond rest in [0, 1). */
export interface Instant {
  ms: number;
  fraction: number;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseTimestamp(text: unknown): Instant | null {
  if (typeof text !== "string") return null;
  const m = PATTERN.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as number[];
  const second = Number(m[6] ?? 0);
  if (!validDate(year as number, month as number, day as number)) return null;
  if ((hour as number) > 23 || (minute as number) > 59 || second > 59) return null;
  const offset = offsetMinutes(m[8] as string);
  if (offset === null) return null;
  const digits = (m[7] ?? "").padEnd(3, "0");
  const millis = Number(digits.slice(0, 3));
  const rest = digits.length > 3 ? Number(`0.${digits.slice(3)}`) : 0;
  const utc = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second, millis);
  return { ms: utc - offset * 60_000, fraction: rest };
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function offsetMinutes(zone: string): number | null {
  if (zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/** Orders two instants: negative, zero or positive. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.ms - b.ms || a.fraction - b.fraction;
}

export function isTimestamp(value: unknown): boolean {
  return parseTimestamp(value) !== null;
}
