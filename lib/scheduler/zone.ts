/**
 * Time-zone conversion with nothing but Intl.DateTimeFormat (Node ships full ICU), so the
 * scheduler needs no date library and runs the same in the server and in the browser.
 *
 * "Wall ms" below means a local date-time encoded as milliseconds since 1970 as if it were
 * UTC; offset = wall − instant.
 */
import { DAY_MS, wallMs } from "@/lib/scheduler/calendar";
import { ScheduleTimeZoneError } from "@/lib/scheduler/errors";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23", // "hour12: false" gives "24" for midnight on some ICU versions
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

// A shape check first: Intl also accepts things that are not IANA names on some versions
// (offsets like "+05:30" on newer V8), and EventBridge takes only names.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Throws ScheduleTimeZoneError unless `timeZone` is an IANA zone name (or UTC) Intl knows. */
export function validateTimeZone(timeZone: string): void {
  if (typeof timeZone !== "string" || timeZone === "") {
    throw new ScheduleTimeZoneError(
      String(timeZone),
      "time zone is empty: use an IANA name such as 'Europe/Berlin' or 'UTC'",
    );
  }
  let known = ZONE_NAME.test(timeZone);
  if (known) {
    try {
      formatterFor(timeZone);
    } catch {
      known = false;
    }
  }
  if (!known) {
    const hint = suggestTimeZone(timeZone);
    throw new ScheduleTimeZoneError(
      timeZone,
      `unknown time zone '${timeZone}': use an IANA name such as 'America/New_York' or 'UTC'` +
        (hint ? ` (did you mean '${hint}'?)` : ""),
    );
  }
}

function suggestTimeZone(input: string): string | undefined {
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone")];
  const key = input.toLowerCase().replace(/[\s-]+/g, "_");
  return (
    zones.find((z) => z.toLowerCase() === key) ??
    zones.find((z) => z.toLowerCase().endsWith("/" + key)) ??
    zones.find((z) => editDistanceAtMost(z.toLowerCase(), key, 2))
  );
}

function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  // prev and row hold b.length + 1 entries (row is filled left to right), so every index below exists.
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]! <= max;
}

function isUtc(timeZone: string): boolean {
  return timeZone === "UTC" || timeZone === "Etc/UTC";
}

/** Offset (wall − instant) in ms at an instant. Whole seconds: ms are not part of any offset. */
export function offsetMsAt(timeZone: string, instantMs: number): number {
  if (isUtc(timeZone)) return 0;
  const whole = Math.floor(instantMs / 1000) * 1000;
  const p: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(whole)) p[part.type] = part.value;
  const local = wallMs(
    Number(p.year),
    Number(p.month),
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return local - whole;
}

export function toWallMs(timeZone: string, instantMs: number): number {
  return instantMs + offsetMsAt(timeZone, instantMs);
}

/**
 * The instant(s) a wall-clock time names. `instant` is the earliest one (a time repeated by a
 * fall-back occurs twice: we take the first). When the wall time falls in a spring-forward gap
 * there is none: `gap` is true and `instant` is the first instant after the gap (the moment the
 * clocks jump, e.g. 03:00 local in New York).
 */
export function resolveWallTime(timeZone: string, wall: number): { instant: number; gap: boolean } {
  if (isUtc(timeZone)) return { instant: wall, gap: false };
  // The offsets a day either side bracket any transition near `wall` (zones change at most
  // once in a few days).
  const before = offsetMsAt(timeZone, wall - DAY_MS);
  const after = offsetMsAt(timeZone, wall + DAY_MS);
  let best: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const t = wall - offset;
    if (offsetMsAt(timeZone, t) === offset && (best === undefined || t < best)) best = t;
  }
  if (best !== undefined) return { instant: best, gap: false };
  return { instant: findTransition(timeZone, wall - after, wall - before, before), gap: true };
}

/** The first whole second in (lo, hi] whose offset is no longer `oldOffset`. */
function findTransition(timeZone: string, lo: number, hi: number, oldOffset: number): number {
  let a = Math.floor(lo / 1000);
  let b = Math.ceil(hi / 1000);
  if (a >= b) return hi; // not a bracket we understand; fall back to the later reading
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetMsAt(timeZone, mid * 1000) === oldOffset) a = mid;
    else b = mid;
  }
  return b * 1000;
}
