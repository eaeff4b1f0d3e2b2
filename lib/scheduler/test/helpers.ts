/** Shared by the scheduler tests only. */
import {
  nextFireTimes,
  parseScheduleExpression,
  ScheduleExpressionError,
  type FireTimesOptions,
} from "@/lib/scheduler/expression";

/** The next fire times of `expression` after `after`, as ISO strings (UTC). */
export function fires(expression: string, after: string, opts: Partial<FireTimesOptions> = {}): string[] {
  const schedule = parseScheduleExpression(expression);
  return nextFireTimes(schedule, { after: new Date(after), count: 5, ...opts }).map((d) => d.toISOString());
}

/** The error parsing `expression` throws; fails the test if it parses. */
export function refusal(expression: string): ScheduleExpressionError {
  try {
    parseScheduleExpression(expression);
  } catch (err) {
    if (err instanceof ScheduleExpressionError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(expression)} to be refused`);
}

/** ISO strings for a list of "YYYY-MM-DDTHH:MM" UTC shorthands. */
export const utc = (...times: string[]) => times.map((t) => new Date(`${t}:00.000Z`).toISOString());
