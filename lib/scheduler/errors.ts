/**
 * Errors for schedule expressions and time zones. The console validates as the user types,
 * so an error carries where it is (0-based `position` and `length`, ready for an input's
 * setSelectionRange or an editor marker) as well as a message that says it in words
 * (1-based "character N", which is how people count).
 */

export type ScheduleErrorLocation = {
  /** 0-based index into the expression where the problem starts. */
  position?: number;
  /** How many characters are wrong, from `position` (at least 1 when known). */
  length?: number;
  /** Cron field name: minutes, hours, day-of-month, month, day-of-week, year. */
  field?: string;
  /** 1-based cron field number, as in "field 5". */
  fieldNumber?: number;
};

export class ScheduleExpressionError extends Error {
  readonly position?: number;
  readonly length?: number;
  readonly field?: string;

  constructor(message: string, where: ScheduleErrorLocation = {}) {
    super(message + describeLocation(where));
    this.name = "ScheduleExpressionError";
    this.position = where.position;
    this.length = where.length;
    this.field = where.field;
  }
}

/** Thrown for a time zone that is not an IANA name this runtime knows. */
export class ScheduleTimeZoneError extends Error {
  readonly timeZone: string;

  constructor(timeZone: string, message: string) {
    super(message);
    this.name = "ScheduleTimeZoneError";
    this.timeZone = timeZone;
  }
}

function describeLocation({ position, fieldNumber }: ScheduleErrorLocation): string {
  const parts: string[] = [];
  if (fieldNumber !== undefined) parts.push(`field ${fieldNumber}`);
  if (position !== undefined) parts.push(`at character ${position + 1}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}
