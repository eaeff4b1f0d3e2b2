/** StartDate and EndDate rules, and the instant a schedule's slots count from. */
import { AppError } from "@/lib/errors";
import type { ParsedSchedule } from "@/lib/scheduler/expression";

/** A StartDate may lie this far in the past (a request takes time to arrive). */
const START_GRACE_MS = 5 * 60_000;

const refuse = (field: string, message: string) => new AppError("InvalidParameterValueException", message, { field });

/**
 * Checks a schedule's dates. Only dates that are new are held against the clock, so a schedule
 * whose StartDate has passed can still be changed without giving it a new one.
 */
export function checkDates(
  startDate: Date | null,
  endDate: Date | null,
  changed: { start: boolean; end: boolean } = { start: true, end: true },
  nowMs = Date.now(),
): void {
  if (startDate && changed.start && startDate.getTime() < nowMs - START_GRACE_MS)
    throw refuse("startDate", "The StartDate you specify cannot be earlier than 5 minutes prior to the current time.");
  if (endDate && changed.end && endDate.getTime() <= nowMs)
    throw refuse("endDate", "The EndDate you specify cannot be earlier than the current time.");
  if (startDate && endDate && endDate.getTime() <= startDate.getTime())
    throw refuse("endDate", "The EndDate you specify must be later than the StartDate.");
}

/** rate() counts from StartDate when there is one, else from now; at() ignores StartDate. */
export function startAtOf(parsed: ParsedSchedule, startDate: Date | null, nowMs = Date.now()): Date {
  return parsed.kind !== "at" && startDate ? startDate : new Date(nowMs);
}

export const sameInstant = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
