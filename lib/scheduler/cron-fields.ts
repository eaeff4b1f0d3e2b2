/**
 * One cron field at a time: the plain list syntax (`*`, `a`, `a-b`, `a/n`, `*\/n`, `a-b/n`,
 * and commas between them) shared by all six fields. The day fields' specials (L, W, #, ?)
 * are recognised by cron-parse.ts before it falls back to this.
 */
import { ScheduleExpressionError } from "@/lib/scheduler/errors";
import type { Token } from "@/lib/scheduler/types";

export type FieldSpec = {
  name: string;
  number: number; // 1-based, as the error messages count
  min: number;
  max: number;
  names?: readonly string[]; // names[i] is the value min + i
};

export const MINUTES: FieldSpec = { name: "minutes", number: 1, min: 0, max: 59 };
export const HOURS: FieldSpec = { name: "hours", number: 2, min: 0, max: 23 };
export const DAY_OF_MONTH: FieldSpec = { name: "day-of-month", number: 3, min: 1, max: 31 };
export const MONTH: FieldSpec = {
  name: "month",
  number: 4,
  min: 1,
  max: 12,
  names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
};
export const DAY_OF_WEEK: FieldSpec = {
  name: "day-of-week",
  number: 5,
  min: 1,
  max: 7,
  names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
};
export const YEAR: FieldSpec = { name: "year", number: 6, min: 1970, max: 2199 };

export const FIELDS = [MINUTES, HOURS, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR] as const;

export function fieldError(spec: FieldSpec, message: string, at: Token): ScheduleExpressionError {
  return new ScheduleExpressionError(`cron: ${message}`, {
    position: at.position,
    length: Math.max(1, at.text.length),
    field: spec.name,
    fieldNumber: spec.number,
  });
}

/** A single number or (month, day-of-week) name, range-checked. */
export function parseFieldValue(spec: FieldSpec, at: Token): number {
  const upper = at.text.toUpperCase();
  let value: number | undefined;
  if (/^\d+$/.test(upper)) value = Number(upper);
  else if (spec.names?.includes(upper)) value = spec.min + spec.names.indexOf(upper);
  if (value === undefined) throw fieldError(spec, notAValue(spec, at.text), at);
  if (value < spec.min || value > spec.max) {
    throw fieldError(spec, `${spec.name} '${at.text}' is out of range ${spec.min}-${spec.max}`, at);
  }
  return value;
}

function notAValue(spec: FieldSpec, text: string): string {
  const special = /[?LW#]/i.exec(text)?.[0].toUpperCase();
  if (special === "?") return `'?' must be the whole field and is only allowed in day-of-month or day-of-week`;
  if (special && (spec === DAY_OF_MONTH || spec === DAY_OF_WEEK)) {
    const home = special === "#" ? DAY_OF_WEEK : special === "W" ? DAY_OF_MONTH : spec;
    return home === spec
      ? `'${text}' can't be combined with other values: '${special}' must be the whole ${spec.name} field ` +
          "(like 'L', '15W', '5L' or '3#2')"
      : `'${special}' is only allowed in ${home.name}`;
  }
  if (special) return `'${special}' is only allowed in day-of-month or day-of-week, not in ${spec.name}`;
  if (text === "") return `${spec.name} has an empty value`;
  if (spec.names) {
    return `${spec.name} '${text}' is not valid: use ${spec.min}-${spec.max} or ${spec.names[0]}-${spec.names.at(-1)}`;
  }
  return `${spec.name} '${text}' is not a number`;
}

/** A comma-separated list; returns the values it names, sorted, without duplicates. */
export function parseFieldList(spec: FieldSpec, field: Token): number[] {
  const values = new Set<number>();
  let position = field.position;
  for (const text of field.text.split(",")) {
    const item = { text, position };
    if (text === "") throw fieldError(spec, `${spec.name} has an empty value in its list`, item);
    for (const v of parseItem(spec, item)) values.add(v);
    position += text.length + 1;
  }
  return [...values].sort((a, b) => a - b);
}

function parseItem(spec: FieldSpec, item: Token): number[] {
  const slash = item.text.indexOf("/");
  const rangeText = slash < 0 ? item.text : item.text.slice(0, slash);
  let step = 1;
  if (slash >= 0) step = parseStep(spec, { text: item.text.slice(slash + 1), position: item.position + slash + 1 });

  if (rangeText === "*") return series(spec.min, spec.max, step);
  const dash = rangeText.indexOf("-");
  if (dash < 0) {
    const start = parseFieldValue(spec, { text: rangeText, position: item.position });
    return slash < 0 ? [start] : series(start, spec.max, step);
  }
  const startAt = { text: rangeText.slice(0, dash), position: item.position };
  const endAt = { text: rangeText.slice(dash + 1), position: item.position + dash + 1 };
  if (startAt.text === "*") throw fieldError(spec, `'*' can't start a range in ${spec.name}`, startAt);
  if (startAt.text === "") throw fieldError(spec, `${spec.name} range is missing its start before '-'`, startAt);
  if (endAt.text === "")
    throw fieldError(spec, `${spec.name} range '${rangeText}' is missing its end after '-'`, endAt);
  const start = parseFieldValue(spec, startAt);
  const end = parseFieldValue(spec, endAt);
  if (start > end) {
    // Quartz wraps such ranges round; AWS documents no wrapping, so we refuse and say how.
    const top = spec.names && !/^\d+$/.test(startAt.text) ? spec.names.at(-1) : spec.max;
    const bottom = spec.names && !/^\d+$/.test(endAt.text) ? spec.names[0] : spec.min;
    throw fieldError(
      spec,
      `${spec.name} range '${rangeText}' runs backwards: ` +
        `write '${startAt.text}-${top},${bottom}-${endAt.text}' to wrap around`,
      { text: rangeText, position: item.position },
    );
  }
  return series(start, end, step);
}

function parseStep(spec: FieldSpec, at: Token): number {
  const span = spec.max - spec.min + 1;
  const step = /^\d+$/.test(at.text) ? Number(at.text) : NaN;
  if (at.text === "") throw fieldError(spec, `${spec.name} is missing an increment after '/'`, at);
  if (!(step >= 1 && step <= span)) {
    throw fieldError(spec, `${spec.name} increment '${at.text}' must be a whole number from 1 to ${span}`, at);
  }
  return step;
}

function series(start: number, end: number, step: number): number[] {
  const out: number[] = [];
  for (let v = start; v <= end; v += step) out.push(v);
  return out;
}
