/** at(yyyy-mm-ddThh:mm:ss): one wall-clock time, read in the schedule's time zone. */
import { daysInMonth, MONTH_NAMES } from "@/lib/scheduler/calendar";
import { ScheduleExpressionError } from "@/lib/scheduler/errors";
import type { AtSchedule, Token } from "@/lib/scheduler/types";

const TEMPLATE = "yyyy-mm-ddThh:mm:ss";

function fail(message: string, position: number, length: number): never {
  throw new ScheduleExpressionError(`at: ${message}`, { position, length });
}

export function parseAt(expression: string, body: Token): AtSchedule {
  const text = body.text;
  // Point at the first character that breaks the template, so a half-typed value gets a
  // precise marker rather than "invalid format".
  for (let i = 0; i < Math.max(text.length, TEMPLATE.length); i++) {
    const want = TEMPLATE[i];
    const got = text[i];
    const ok = want === undefined ? false : /[ymdhs]/.test(want) ? got !== undefined && /\d/.test(got) : got === want;
    if (!ok) {
      const what =
        want === undefined
          ? `unexpected '${got}'`
          : got === undefined
            ? "the value is incomplete"
            : `expected ${describeWanted(want)} but found '${got}'`;
      fail(`${what}; write 'at(${TEMPLATE})', e.g. 'at(2026-03-08T02:30:00)'`, body.position + i, 1);
    }
  }
  const num = (from: number, len: number) => Number(text.slice(from, from + len));
  const local = {
    year: num(0, 4),
    month: num(5, 2),
    day: num(8, 2),
    hour: num(11, 2),
    minute: num(14, 2),
    second: num(17, 2),
  };
  const check = (ok: boolean, message: string, from: number, len: number) => {
    if (!ok) fail(message, body.position + from, len);
  };
  check(local.year >= 1970 && local.year <= 2199, `year '${text.slice(0, 4)}' is out of range 1970-2199`, 0, 4);
  check(local.month >= 1 && local.month <= 12, `month '${text.slice(5, 7)}' is out of range 01-12`, 5, 2);
  const last = daysInMonth(local.year, local.month);
  check(local.day >= 1, `day '${text.slice(8, 10)}' is out of range 01-${last}`, 8, 2);
  check(
    local.day <= last,
    `day '${text.slice(8, 10)}' does not exist in ${MONTH_NAMES[local.month - 1]} ${local.year}`,
    8,
    2,
  );
  check(local.hour <= 23, `hour '${text.slice(11, 13)}' is out of range 00-23`, 11, 2);
  check(local.minute <= 59, `minute '${text.slice(14, 16)}' is out of range 00-59`, 14, 2);
  check(local.second <= 59, `second '${text.slice(17, 19)}' is out of range 00-59`, 17, 2);
  return { kind: "at", expression, local };
}

function describeWanted(want: string): string {
  return /[ymdhs]/.test(want) ? "a digit" : `'${want}'`;
}
