/**
 * cron(minutes hours day-of-month month day-of-week year), as EventBridge Scheduler reads it:
 * six fields, exactly one of the two day fields '?', and L / W / # only in the day fields,
 * each as the whole field (Quartz, which EventBridge's syntax follows, does not combine them
 * with lists either).
 */
import { maxDaysInMonth, MONTH_NAMES } from "@/lib/scheduler/calendar";
import {
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  FIELDS,
  fieldError,
  HOURS,
  MINUTES,
  MONTH,
  parseFieldList,
  parseFieldValue,
  YEAR,
} from "@/lib/scheduler/cron-fields";
import { ScheduleExpressionError } from "@/lib/scheduler/errors";
import type { CronDayRule, CronSchedule, Token } from "@/lib/scheduler/types";

const FIELD_LIST = "minutes hours day-of-month month day-of-week year";

type CronFields = [minutes: Token, hours: Token, dom: Token, month: Token, dow: Token, year: Token];

/** `body` is the text between "cron(" and ")", starting at `position` in `expression`. */
export function parseCron(expression: string, body: Token): CronSchedule {
  const fields = splitFields(body);
  const [minutes, hours, dom, month, dow, year] = fields;
  const parsed = {
    minutes: parseFieldList(MINUTES, minutes),
    hours: parseFieldList(HOURS, hours),
    dayOfMonth: dom.text === "?" ? null : parseDayOfMonth(dom),
    months: parseFieldList(MONTH, month),
    dayOfWeek: dow.text === "?" ? null : parseDayOfWeek(dow),
    years: parseFieldList(YEAR, year),
  };
  if (!parsed.dayOfMonth && !parsed.dayOfWeek) {
    throw fieldError(
      DAY_OF_WEEK,
      "day-of-month and day-of-week can't both be '?': give one of them a value (e.g. '*')",
      dow,
    );
  }
  if (parsed.dayOfMonth && parsed.dayOfWeek) {
    // Point at a '*' if there is one: replacing it with '?' is almost always what was meant.
    const [spec, at] = dom.text === "*" || dow.text !== "*" ? [DAY_OF_MONTH, dom] : [DAY_OF_WEEK, dow];
    throw fieldError(
      spec,
      `day-of-month '${dom.text}' and day-of-week '${dow.text}' can't both be set: ` +
        "one of them must be '?' (EventBridge requires it)",
      at,
    );
  }
  const dayRule = (parsed.dayOfMonth ?? parsed.dayOfWeek) as CronDayRule;
  checkDayCanOccur(dayRule, parsed.months, dom);
  const { minutes: m, hours: h, months, years } = parsed;
  return { kind: "cron", expression, minutes: m, hours: h, months, years, dayRule };
}

function splitFields(body: Token): CronFields {
  const bad = /[^\S ]|^ | $| {2}/.exec(body.text);
  if (bad) {
    const position = body.position + bad.index + (bad[0] === "  " ? 1 : 0);
    const what = bad[0].includes(" ") ? "extra space" : "tab or line break";
    throw new ScheduleExpressionError(`cron: ${what}: separate the fields with single spaces`, { position, length: 1 });
  }
  const fields: Token[] = [];
  let position = body.position;
  for (const text of body.text === "" ? [] : body.text.split(" ")) {
    fields.push({ text, position });
    position += text.length + 1;
  }
  if (fields.length !== 6) {
    const missing = FIELDS.slice(fields.length)
      .map((f) => f.name)
      .join(" ");
    const at = fields.length > 6 ? fields[6]!.position : body.position + body.text.length;
    throw new ScheduleExpressionError(
      `cron: expected 6 fields (${FIELD_LIST}) but found ${fields.length}` +
        (fields.length < 6 ? `; missing: ${missing}` : ""),
      { position: at, length: fields.length > 6 ? body.position + body.text.length - at : 1 },
    );
  }
  return fields as CronFields; // exactly six, checked above
}

function parseDayOfMonth(at: Token): CronDayRule {
  const upper = at.text.toUpperCase();
  if (upper === "L") return { type: "lastDay" };
  if (upper === "LW") return { type: "lastBusinessDay" };
  if (upper.endsWith("W") && !/[,\-/]/.test(upper)) {
    const day = parseFieldValue(DAY_OF_MONTH, { text: at.text.slice(0, -1), position: at.position });
    return { type: "nearestBusinessDay", day };
  }
  return { type: "monthDays", days: parseFieldList(DAY_OF_MONTH, at) };
}

function parseDayOfWeek(at: Token): CronDayRule {
  const upper = at.text.toUpperCase();
  // Alone, 'L' is the last day of the week: Saturday (Quartz reads it so too).
  if (upper === "L") return { type: "weekDays", days: [7] };
  const simple = !/[,\-/]/.test(upper); // with a list, range or step these are not allowed
  if (simple && upper.endsWith("L")) {
    const weekDay = parseFieldValue(DAY_OF_WEEK, { text: at.text.slice(0, -1), position: at.position });
    return { type: "lastWeekDay", weekDay };
  }
  const hash = upper.indexOf("#");
  if (simple && hash >= 0) {
    const weekDay = parseFieldValue(DAY_OF_WEEK, { text: at.text.slice(0, hash), position: at.position });
    const nth = { text: at.text.slice(hash + 1), position: at.position + hash + 1 };
    if (!/^[1-5]$/.test(nth.text)) {
      throw fieldError(DAY_OF_WEEK, `day-of-week '${at.text}' needs a week number from 1 to 5 after '#'`, nth);
    }
    return { type: "nthWeekDay", weekDay, nth: Number(nth.text) };
  }
  return { type: "weekDays", days: parseFieldList(DAY_OF_WEEK, at) };
}

/** Cheap parse-time catch for dates no month allows, like 30 February: such a cron never fires. */
function checkDayCanOccur(rule: CronDayRule, months: number[], dom: Token): void {
  let earliest: number;
  if (rule.type === "monthDays")
    earliest = rule.days[0]!; // parseFieldList never returns an empty list
  else if (rule.type === "nearestBusinessDay")
    earliest = rule.day; // W never crosses into the next month
  else return;
  if (months.some((m) => maxDaysInMonth(m) >= earliest)) return;
  const names = months.map((m) => MONTH_NAMES[m - 1]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names[0];
  throw fieldError(
    DAY_OF_MONTH,
    `day-of-month '${dom.text}' never occurs in ${list}, so this schedule would never run`,
    dom,
  );
}
