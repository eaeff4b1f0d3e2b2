/**
 * rate(value unit). EventBridge wants the unit singular for 1 and plural otherwise and
 * refuses the other spelling, so we do too (an expression we accept should also work on AWS).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/scheduler/calendar";
import { ScheduleExpressionError } from "@/lib/scheduler/errors";
import type { RateSchedule, RateUnit, Token } from "@/lib/scheduler/types";

const UNIT_MS: Record<RateUnit, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };
const MAX_DATE_MS = 8.64e15; // the Date range: a longer period could never fire

function fail(message: string, at: Token): never {
  throw new ScheduleExpressionError(`rate: ${message}`, { position: at.position, length: Math.max(1, at.text.length) });
}

export function parseRate(expression: string, body: Token): RateSchedule {
  const text = body.text;
  if (text.trim() === "") fail("expected 'rate(value unit)', e.g. 'rate(5 minutes)'", body);
  const extraSpace = /^\s|\s$|\s\s|[^\S ]/.exec(text);
  if (extraSpace) {
    fail("extra space: write 'rate(value unit)' with a single space", {
      text: " ",
      position: body.position + extraSpace.index + (extraSpace[0].length === 2 ? 1 : 0),
    });
  }
  const glued = /^(\d+)([a-z]+)$/i.exec(text);
  if (glued)
    fail(`put a space between '${glued[1]}' and '${glued[2]}'`, {
      text: glued[2]!, // both groups always take part in a match
      position: body.position + glued[1]!.length,
    });
  const space = text.indexOf(" ");
  const valueAt = { text: space < 0 ? text : text.slice(0, space), position: body.position };
  if (!/^\d+$/.test(valueAt.text) || Number(valueAt.text) === 0) {
    fail(`value '${valueAt.text}' must be a positive whole number, as in 'rate(5 minutes)'`, valueAt);
  }
  const value = Number(valueAt.text);
  if (space < 0)
    fail(`missing unit after '${value}': use minutes, hours or days`, {
      text: "",
      position: body.position + text.length,
    });
  const unitAt = { text: text.slice(space + 1), position: body.position + space + 1 };
  const unit = singularOf(unitAt.text);
  if (!unit) fail(`unit '${unitAt.text}' is not valid: use minute(s), hour(s) or day(s)`, unitAt);
  const plural = unitAt.text.endsWith("s");
  if (value === 1 && plural) fail(`the unit is singular when the value is 1: write 'rate(1 ${unit})'`, unitAt);
  if (value !== 1 && !plural)
    fail(`the unit is plural when the value is not 1: write 'rate(${value} ${unit}s)'`, unitAt);
  const everyMs = value * UNIT_MS[unit];
  if (everyMs > MAX_DATE_MS) fail(`'${value} ${unitAt.text}' is too long a period`, valueAt);
  return { kind: "rate", expression, value, unit, everyMs };
}

function singularOf(text: string): RateUnit | undefined {
  const base = text.endsWith("s") ? text.slice(0, -1) : text;
  return base === "minute" || base === "hour" || base === "day" ? base : undefined;
}
