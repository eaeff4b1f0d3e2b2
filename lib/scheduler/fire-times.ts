/**
 * When a parsed schedule fires. cron and at are wall-clock times in the schedule's zone; rate
 * is elapsed time and ignores zones, as in EventBridge (a "day" is always 24 h).
 *
 * Daylight saving time, following the EventBridge Scheduler User Guide ("Daylight savings
 * time on EventBridge Scheduler"):
 * - A cron time the clocks skip (spring forward, e.g. 02:30 on 2026-03-08 in New York) is
 *   skipped: "if a cron expression falls on a non-existent date and time, your schedule
 *   invocation is skipped". `nonexistentTime: "next-valid"` instead fires at the first instant
 *   after the gap (03:00 local); several skipped minutes then fire once, together.
 * - A cron time the clocks repeat (fall back, 01:30 on 2026-11-01 in New York) fires once,
 *   at its first occurrence (the daylight-time one): "your schedule runs only once".
 * - An at() time inside a gap always fires at the first instant after it: skipping would mean
 *   a one-time schedule never runs at all.
 */
import { MINUTE_MS, wallMs } from "@/lib/scheduler/calendar";
import { nextCronWall } from "@/lib/scheduler/cron-next";
import { resolveWallTime, toWallMs, validateTimeZone } from "@/lib/scheduler/zone";
import type { AtSchedule, CronSchedule, ParsedSchedule, RateSchedule } from "@/lib/scheduler/types";

const MAX_DATE_MS = 8.64e15; // the latest instant a Date can hold

export type NonexistentTimePolicy = "skip" | "next-valid";

export type FireTimesOptions = {
  /** Only fire times strictly after this instant are returned. */
  after: Date;
  /** At most this many are returned; fewer when the schedule ends (at(), end, or a cron's last year). */
  count: number;
  /** IANA zone for cron and at; default "UTC". */
  timeZone?: string;
  /**
   * rate: the first fire time (then every period); default `after`, so the first result is
   * after + period. cron: nothing fires before it. at: ignored, as EventBridge ignores
   * StartDate for one-time schedules.
   */
  start?: Date;
  /** rate and cron: nothing fires after it. at: ignored, like EventBridge's EndDate. */
  end?: Date;
  /** cron times inside a spring-forward gap: "skip" (default, as EventBridge) or "next-valid". */
  nonexistentTime?: NonexistentTimePolicy;
};

export function nextFireTimes(schedule: ParsedSchedule, opts: FireTimesOptions): Date[] {
  const after = instantOf(opts.after, "after");
  const start = opts.start === undefined ? undefined : instantOf(opts.start, "start");
  const end = opts.end === undefined ? Infinity : instantOf(opts.end, "end");
  if (!Number.isInteger(opts.count) || opts.count < 0) {
    throw new RangeError(`nextFireTimes: count must be a whole number ≥ 0, not ${opts.count}`);
  }
  const timeZone = opts.timeZone ?? "UTC";
  validateTimeZone(timeZone);
  if (opts.count === 0) return [];
  switch (schedule.kind) {
    case "rate":
      return rateTimes(schedule, after, start ?? after, end, opts.count);
    case "at":
      return atTimes(schedule, after, timeZone);
    case "cron": {
      const from = start === undefined ? after : Math.max(after, start - 1);
      return cronTimes(schedule, from, end, opts.count, timeZone, opts.nonexistentTime ?? "skip");
    }
  }
}

function instantOf(d: Date, name: string): number {
  const ms = d instanceof Date ? d.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`nextFireTimes: ${name} must be a valid Date`);
  return ms;
}

/** anchor + k × period for k ≥ 0, strictly after `after`. */
function rateTimes(s: RateSchedule, after: number, anchor: number, end: number, count: number): Date[] {
  let k = after < anchor ? 0 : Math.floor((after - anchor) / s.everyMs) + 1;
  const out: Date[] = [];
  const last = Math.min(end, MAX_DATE_MS);
  for (let t = anchor + k * s.everyMs; out.length < count && t <= last; t = anchor + ++k * s.everyMs)
    out.push(new Date(t));
  return out;
}

function atTimes(s: AtSchedule, after: number, timeZone: string): Date[] {
  const { year, month, day, hour, minute, second } = s.local;
  const { instant } = resolveWallTime(timeZone, wallMs(year, month, day, hour, minute, second));
  return instant > after ? [new Date(instant)] : [];
}

function cronTimes(
  s: CronSchedule,
  after: number,
  end: number,
  count: number,
  timeZone: string,
  gapPolicy: NonexistentTimePolicy,
): Date[] {
  const out: Date[] = [];
  // Start at the wall minute holding `after`. Mapping wall minutes to instants (first occurrence
  // on fall-back, gap → skipped or the gap's end) never goes backwards, so walking wall time
  // forward and dropping instants ≤ after finds every fire time in order.
  let wall = Math.floor(toWallMs(timeZone, after) / MINUTE_MS) * MINUTE_MS;
  let last = after;
  while (out.length < count) {
    const match = nextCronWall(s, wall);
    if (match === null) break;
    wall = match + MINUTE_MS;
    const { instant, gap } = resolveWallTime(timeZone, match);
    if (gap && gapPolicy === "skip") continue;
    if (instant > end) break;
    if (instant <= last) continue; // before `after`, or a second gap minute mapped to the same instant
    out.push(new Date(instant));
    last = instant;
  }
  return out;
}
