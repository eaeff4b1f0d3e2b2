/** Checks an expression and zone, and previews its next fire times (same code as the runner). */
import { AppError } from "@/lib/errors";
import {
  nextFireTimes,
  parseScheduleExpression,
  ScheduleExpressionError,
  ScheduleTimeZoneError,
  validateTimeZone,
  describeSchedule,
} from "@/lib/scheduler/expression";

/** Parses and checks an expression and zone; errors carry what is wrong and where. */
export function checkExpression(expression: string, timeZone: string) {
  try {
    validateTimeZone(timeZone);
    return parseScheduleExpression(expression);
  } catch (err) {
    if (err instanceof ScheduleExpressionError)
      throw new AppError("InvalidParameterValueException", err.message, {
        field: "expression",
        ...(err.position !== undefined ? { position: err.position } : {}),
      });
    if (err instanceof ScheduleTimeZoneError)
      throw new AppError("InvalidParameterValueException", err.message, { field: "timeZone" });
    throw err;
  }
}

/** The next fire times (for the console's preview), and a description in words. */
export function previewSchedule(
  expression: string,
  timeZone = "UTC",
  count = 5,
  start?: Date,
): { description: string; next: string[] } {
  const parsed = checkExpression(expression, timeZone);
  const next = nextFireTimes(parsed, { after: new Date(), count, timeZone, start: start ?? new Date() }).map((d) =>
    d.toISOString(),
  );
  return { description: describeSchedule(parsed), next };
}
