/**
 * EventBridge Scheduler expressions: rate(value unit), cron(six fields) and at(date-time).
 * Pure and dependency-free so the server (firing schedules) and the console (validating as
 * the user types, previewing the next fire times) share one implementation.
 *
 * Errors are ScheduleExpressionError with a message that says what is wrong and where
 * ("field 5, at character 18", 1-based) and a 0-based `position`/`length` for highlighting.
 * Where EventBridge is strict (lower-case keywords, single spaces, 'rate(1 minute)' but
 * 'rate(5 minutes)') so are we: what Nimbus accepts should also be accepted by AWS.
 */
import { parseAt } from "@/lib/scheduler/at";
import { parseCron } from "@/lib/scheduler/cron-parse";
import { ScheduleExpressionError } from "@/lib/scheduler/errors";
import { parseRate } from "@/lib/scheduler/rate";
import type { ParsedSchedule } from "@/lib/scheduler/types";

export { ScheduleExpressionError, ScheduleTimeZoneError } from "@/lib/scheduler/errors";
export { nextFireTimes, type FireTimesOptions, type NonexistentTimePolicy } from "@/lib/scheduler/fire-times";
export { validateTimeZone } from "@/lib/scheduler/zone";
export { describeSchedule } from "@/lib/scheduler/describe";
export type {
  AtSchedule,
  CronDayRule,
  CronSchedule,
  LocalDateTime,
  ParsedSchedule,
  RateSchedule,
} from "@/lib/scheduler/types";

const PARSERS = { rate: parseRate, cron: parseCron, at: parseAt } as const;
const USAGE = "use 'rate(5 minutes)', 'cron(0 8 ? * MON-FRI *)' or 'at(2026-03-08T02:30:00)'";

export function parseScheduleExpression(expression: string): ParsedSchedule {
  if (typeof expression !== "string" || expression.trim() === "") {
    throw new ScheduleExpressionError(`schedule expression is empty: ${USAGE}`, { position: 0 });
  }
  const outer = /^\s+|\s+$/.exec(expression);
  if (outer) {
    const where = outer.index === 0 ? "starts" : "ends";
    throw new ScheduleExpressionError(`schedule expression ${where} with a space: remove it`, {
      position: outer.index,
      length: outer[0].length,
    });
  }
  const head = /^([A-Za-z]*)(\(?)/.exec(expression) as RegExpExecArray;
  const word = head[1]!; // the group always takes part, if only as ""
  const kind = word.toLowerCase();
  if (!Object.hasOwn(PARSERS, kind)) {
    const shown = word === "" ? expression[0]! : word; // expression is not empty (checked above)
    throw new ScheduleExpressionError(`'${shown}' is not a schedule type: ${USAGE}`, {
      position: 0,
      length: shown.length,
    });
  }
  if (word !== kind) {
    throw new ScheduleExpressionError(`write '${kind}' in lower case`, { position: 0, length: word.length });
  }
  if (head[2] === "") {
    throw new ScheduleExpressionError(`${kind}: expected '(' after '${kind}'`, { position: word.length, length: 1 });
  }
  const close = expression.indexOf(")");
  if (close < 0) {
    throw new ScheduleExpressionError(`${kind}: missing ')' at the end`, { position: expression.length, length: 1 });
  }
  if (close !== expression.length - 1) {
    throw new ScheduleExpressionError(`${kind}: unexpected text after ')'`, {
      position: close + 1,
      length: expression.length - close - 1,
    });
  }
  const body = { text: expression.slice(word.length + 1, -1), position: word.length + 1 };
  return PARSERS[kind as keyof typeof PARSERS](expression, body);
}
